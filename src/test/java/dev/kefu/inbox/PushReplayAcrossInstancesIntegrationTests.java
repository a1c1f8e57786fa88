package dev.kefu.inbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.kefu.FakeWeChat;
import dev.kefu.KefuInstances;
import dev.kefu.KefuTestProperties;
import dev.kefu.TestDatabases;
import dev.kefu.TestHttp;
import dev.kefu.apps.Apps;
import dev.kefu.inbox.Pushes.Mode;
import dev.kefu.wechat.push.PushFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances sharing one PostgreSQL or MariaDB database share the replay cache: a push
 * resent unchanged (WeChat's retry, a de-duplication check) is answered {@code success}
 * on either and replied to once; its signature with another body is refused on both.
 */
class PushReplayAcrossInstancesIntegrationTests {

	private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	private static final String ADMIN_PASSWORD = KefuTestProperties.ADMIN_PASSWORD.split("=", 2)[1];

	final FakeWeChat wechat = FakeWeChat.start();

	@AfterEach
	void stopFake() {
		this.wechat.close();
	}

	static Stream<Arguments> databases() {
		return Stream.of(Arguments.argumentSet("PostgreSQL", (Supplier<String>) TestDatabases::freshPostgres),
				Arguments.argumentSet("MariaDB", (Supplier<String>) TestDatabases::freshMariadb));
	}

	@ParameterizedTest
	@MethodSource("databases")
	void answersAnIdenticalResendOnceOnEitherInstanceAndRefusesTheSignatureWithAnotherBodyOnBoth(Supplier<String> url) {
		String database = url.get();
		try (ConfigurableApplicationContext a = KefuInstances.start(database, this.wechat,
				"kefu.sandbox.enabled=false");
				ConfigurableApplicationContext b = KefuInstances.start(database, this.wechat,
						"kefu.sandbox.enabled=false")) {
			String appId = KefuInstances.registerApp(a, this.wechat);
			await().until(() -> b.getBean(Apps.class).find(appId).isPresent());
			TestHttp onA = http(a);
			TestHttp onB = http(b);
			assertThat(onA.as("admin", ADMIN_PASSWORD)
				.postJson("/api/apps/" + appId + "/rules", """
						{"name": "兜底", "trigger": "DEFAULT", "replies": [{"type": "text", "content": "收到"}]}""")
				.statusCode()).isEqualTo(201);
			Pushes pushes = new Pushes(appId, "token" + appId.substring(2, 10), KEY);
			long now = System.currentTimeMillis() / 1000;
			Pushes.Request plaintext = pushes.build(Mode.PLAINTEXT, PushFormat.XML,
					Pushes.text("o_plain", "7" + System.nanoTime(), "你好"), now);
			Pushes.Request safe = pushes.build(Mode.SAFE, PushFormat.JSON,
					Pushes.text("o_safe", "8" + System.nanoTime(), "你好"), now);

			for (TestHttp instance : new TestHttp[] { onA, onB, onA }) {
				assertThat(push(instance, appId, plaintext.query(), plaintext.body()).body()).isEqualTo("success");
			}
			for (TestHttp instance : new TestHttp[] { onB, onA }) {
				assertThat(push(instance, appId, safe.query(), safe.body()).body()).isEqualTo("success");
			}
			// the same push landing on both at once: one of them meets the other's
			// signature row
			Pushes.Request racing = pushes.build(Mode.PLAINTEXT, PushFormat.JSON,
					Pushes.text("o_race", "6" + System.nanoTime(), "你好"), now);
			List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				TestHttp instance = (i % 2 == 0) ? onA : onB;
				answers.add(CompletableFuture.supplyAsync(() -> push(instance, appId, racing.query(), racing.body())));
			}
			assertThat(answers).allSatisfy((answer) -> assertThat(answer.join().body()).isEqualTo("success"));
			String forged = pushes
				.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_forged", "9" + System.nanoTime(), "假的"), now)
				.body();
			for (TestHttp instance : new TestHttp[] { onB, onA }) {
				HttpResponse<String> refused = push(instance, appId, plaintext.query(), forged);
				assertThat(refused.statusCode()).isEqualTo(403);
				assertThat(refused.body()).startsWith("replayed_signature:");
			}

			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.wechat.sentTo("o_plain").size() + this.wechat.sentTo("o_safe").size()
						+ this.wechat.sentTo("o_race").size() >= 3);
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.wechat.sentTo("o_plain").size() == 1 && this.wechat.sentTo("o_safe").size() == 1
						&& this.wechat.sentTo("o_race").size() == 1);
			assertThat(this.wechat.sentTo("o_forged")).isEmpty();
			assertThat(JdbcClient.create(a.getBean(javax.sql.DataSource.class))
				.sql("SELECT open_id FROM inbox_message WHERE app_id = ? ORDER BY open_id")
				.param(appId)
				.query(String.class)
				.list()).containsExactly("o_plain", "o_race", "o_safe");
		}
	}

	private static TestHttp http(ConfigurableApplicationContext instance) {
		return TestHttp.on(instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	private static HttpResponse<String> push(TestHttp instance, String appId, String query, String body) {
		return instance.send("POST", "/wechat/" + appId + "?" + query, body, "Content-Type",
				body.startsWith("{") ? "application/json" : "text/xml");
	}

}
