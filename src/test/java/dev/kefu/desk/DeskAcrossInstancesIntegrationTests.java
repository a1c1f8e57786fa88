package dev.kefu.desk;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import dev.kefu.FakeWeChat;
import dev.kefu.KefuInstances;
import dev.kefu.KefuTestProperties;
import dev.kefu.TestDatabases;
import dev.kefu.TestHttp;
import dev.kefu.TestRedis;
import dev.kefu.apps.Apps;
import dev.kefu.emulator.HeadlessChromium;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances sharing one PostgreSQL database, with and without Redis: a desk open in a
 * real browser on one instance shows, within a second and without a reload, a message
 * WeChat pushed to the other, and notes and tags an agent saved there (through Redis
 * pub/sub, or else the database poll).
 */
class DeskAcrossInstancesIntegrationTests {

	private static final String ADMIN_PASSWORD = KefuTestProperties.ADMIN_PASSWORD.split("=", 2)[1];

	/** The desk shows a new message within this, without a reload. */
	private static final Duration LIVE = Duration.ofSeconds(1);

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final FakeWeChat wechat = FakeWeChat.start();

	private final SplittableRandom random = new SplittableRandom();

	@AfterEach
	void stopFake() {
		this.wechat.close();
	}

	static Stream<Arguments> signals() {
		return Stream.of(Arguments.argumentSet("database poll", false), Arguments.argumentSet("Redis pub/sub", true));
	}

	@ParameterizedTest
	@MethodSource("signals")
	void aDeskOnOneInstanceShowsAMessagePushedToTheOtherAndNotesSavedThereWithinASecond(boolean redis)
			throws Exception {
		List<String> properties = new ArrayList<>(List.of("kefu.sandbox.enabled=false"));
		if (redis) {
			TestRedis.connect().destroy();
			properties.add("spring.data.redis.host=" + TestRedis.HOST);
			properties.add("spring.data.redis.port=" + TestRedis.PORT);
		}
		String database = TestDatabases.freshPostgres();
		String[] settings = properties.toArray(String[]::new);
		try (ConfigurableApplicationContext pushedTo = KefuInstances.start(database, this.wechat, settings);
				ConfigurableApplicationContext deskOn = KefuInstances.start(database, this.wechat, settings);
				HeadlessChromium agent = HeadlessChromium.open()) {
			assertThat(deskOn.getBean(DeskSignals.class).throughRedis()).isEqualTo(redis);
			String appId = KefuInstances.registerApp(pushedTo, this.wechat);
			await().until(() -> deskOn.getBean(Apps.class).find(appId).isPresent());
			agent.signIn(base(deskOn), "admin", ADMIN_PASSWORD);
			// the first message makes the user's conversation; the desk opens on it
			push(pushedTo, appId, "o_across", "在吗");
			await().until(() -> received(pushedTo, appId, "在吗") != null);
			agent.driver().get(base(deskOn) + "/apps/" + appId + "/desk?filter=all");
			agent.waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(row("在吗")));
			String text = "另一台上收到的消息";
			agent.watchFor(text);

			push(pushedTo, appId, "o_across", text);

			agent.waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(row(text)));
			long receivedAt = received(pushedTo, appId, text);
			assertThat(agent.seen() - receivedAt).as("ms from the push on one instance to the desk on the other")
				.isLessThan(LIVE.toMillis());

			// the conversation open: an agent on the other instance saves notes and tags
			agent.driver().get(base(deskOn) + "/apps/" + appId + "/desk?filter=all&user=o_across");
			agent.waiting(PATIENCE)
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=desk-note-text]")));
			String tag = "跨实例标签";
			agent.watchFor(tag);
			assertThat(pushedTo.getBean(Desk.class).saveNote(appId, "o_across", "另一台上写的备注", tag, "agent-elsewhere"))
				.isNull();
			agent.waiting(PATIENCE)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=desk-tags]"),
						tag));
			long savedAt = pushedTo.getBean(Desk.class).note(appId, "o_across").updatedAt().toEpochMilli();
			assertThat(agent.seen() - savedAt).as("ms from notes saved on one instance to the desk on the other")
				.isLessThan(LIVE.toMillis());
			assertThat(agent.driver().findElement(By.cssSelector("[data-test=desk-note-text]")).getAttribute("value"))
				.isEqualTo("另一台上写的备注");
		}
	}

	private static By row(String text) {
		return By.xpath("//tr[@data-test='desk-row'][.//div[text()='" + text + "']]");
	}

	private static Long received(ConfigurableApplicationContext instance, String appId, String text) {
		return JdbcClient.create(instance.getBean(javax.sql.DataSource.class))
			.sql("SELECT received_at FROM inbox_message WHERE app_id = ? AND content = ?")
			.params(appId, text)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/** A plaintext JSON text push, signed with the app's Token as WeChat signs it. */
	private void push(ConfigurableApplicationContext instance, String appId, String openId, String text) {
		long now = System.currentTimeMillis() / 1000;
		PushMessage message = new PushMessage("gh_97417a04a28d", openId, now, "text",
				Long.toString(this.random.nextLong(1, Long.MAX_VALUE)), null, text, null, null, null, null, null, null,
				null, null, Map.of());
		String nonce = Integer.toString(this.random.nextInt(1_000_000_000));
		String token = "token" + appId.substring(2, 10);
		String query = "signature=" + PushSignature.sign(token, Long.toString(now), nonce) + "&timestamp=" + now
				+ "&nonce=" + nonce + "&openid=" + URLEncoder.encode(openId, StandardCharsets.UTF_8);
		HttpResponse<String> response = TestHttp.on(port(instance))
			.send("POST", "/wechat/" + appId + "?" + query, new PushCodec().encode(message, PushFormat.JSON),
					"Content-Type", "application/json");
		assertThat(response.body()).isEqualTo("success");
	}

	private static int port(ConfigurableApplicationContext instance) {
		return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static String base(ConfigurableApplicationContext instance) {
		return "http://127.0.0.1:" + port(instance);
	}

}
