package dev.kefu.inbox;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.kefu.TestDatabases;
import dev.kefu.TestHttp;
import dev.kefu.inbox.Pushes.Mode;
import dev.kefu.wechat.push.PushFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app's recorded push mode over real HTTP: compatible and safe apps refuse unencrypted
 * pushes, a plaintext app and one registered without a mode (the pinned API) take every
 * mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kefu.admin.password=mode-admin-1", "kefu.sandbox.enabled=false" })
class PushModeIntegrationTests {

	static final String TOKEN = "modeToken42";

	static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", TestDatabases::freshH2);
		registry.add("kefu.data-dir", () -> "target/test-data/" + PushModeIntegrationTests.class.getSimpleName());
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	TestHttp admin;

	TestHttp wechat;

	@BeforeEach
	void clients() {
		this.wechat = TestHttp.on(this.port);
		this.admin = this.wechat.as("admin", "mode-admin-1");
	}

	@ParameterizedTest
	@EnumSource(value = Mode.class, names = { "COMPATIBLE", "SAFE" })
	void anEncryptedAppRefusesAPlaintextPushWithTheReason(Mode appMode) {
		String appId = register(appMode.name());
		Pushes pushes = new Pushes(appId, TOKEN, KEY);

		HttpResponse<String> answer = push(appId,
				pushes.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_forged", msgId(), "forged"), now()));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.body()).startsWith("mode_mismatch:").contains(appMode.name()).doesNotContain("Exception");
		assertThat(recorded(appId)).isZero();
	}

	@ParameterizedTest
	@EnumSource(value = Mode.class, names = { "COMPATIBLE", "SAFE" })
	void anEncryptedAppTakesPushesInEitherEncryptedMode(Mode appMode) {
		String appId = register(appMode.name());
		Pushes pushes = new Pushes(appId, TOKEN, KEY);

		for (Mode mode : new Mode[] { Mode.COMPATIBLE, Mode.SAFE }) {
			HttpResponse<String> answer = push(appId,
					pushes.build(mode, PushFormat.JSON, Pushes.text("o_user", msgId(), "hi"), now()));
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("success");
		}
		assertThat(recorded(appId)).isEqualTo(2);
	}

	@Test
	void aPlaintextAppTakesPlaintextAndEncryptedPushes() {
		String appId = register("PLAINTEXT");
		Pushes pushes = new Pushes(appId, TOKEN, KEY);

		for (Mode mode : Mode.values()) {
			HttpResponse<String> answer = push(appId,
					pushes.build(mode, PushFormat.XML, Pushes.text("o_user", msgId(), "hi " + mode), now()));
			assertThat(answer.statusCode()).as(mode.name()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("success");
		}
		assertThat(recorded(appId)).isEqualTo(3);
	}

	@Test
	void anAppRegisteredWithoutAPushModeHasNoneAndTakesEveryMode() {
		String appId = register(null);
		Pushes pushes = new Pushes(appId, TOKEN, KEY);

		String app = this.admin.get("/api/apps/" + appId).body();
		assertThat(JsonPath.<Object>read(app, "$.pushMode")).isNull();
		assertThat(app).doesNotContain("s3cret").doesNotContain(KEY);
		for (Mode mode : Mode.values()) {
			assertThat(push(appId, pushes.build(mode, PushFormat.JSON, Pushes.text("o_user", msgId(), "hi"), now()))
				.body()).isEqualTo("success");
		}
		assertThat(recorded(appId)).isEqualTo(3);
	}

	@Test
	void aModeSetWithPutIsEnforcedAtOnceAndAnEmptyOneRemovesIt() {
		String appId = register(null);
		Pushes pushes = new Pushes(appId, TOKEN, KEY);

		HttpResponse<String> safe = this.admin.putJson("/api/apps/" + appId, "{\"pushMode\":\"safe\"}");
		assertThat(safe.statusCode()).as(safe.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(safe.body(), "$.pushMode")).isEqualTo("SAFE");
		assertThat(JsonPath.<String>read(this.admin.get("/api/apps/" + appId).body(), "$.pushMode")).isEqualTo("SAFE");
		assertThat(push(appId, pushes.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_user", msgId(), "x"), now()))
			.statusCode()).isEqualTo(403);

		// a PUT without the field keeps the mode
		this.admin.putJson("/api/apps/" + appId, "{\"name\":\"renamed\"}");
		assertThat(JsonPath.<String>read(this.admin.get("/api/apps/" + appId).body(), "$.pushMode")).isEqualTo("SAFE");

		HttpResponse<String> none = this.admin.putJson("/api/apps/" + appId, "{\"pushMode\":\"\"}");
		assertThat(JsonPath.<Object>read(none.body(), "$.pushMode")).isNull();
		assertThat(push(appId, pushes.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_user", msgId(), "x"), now()))
			.body()).isEqualTo("success");
	}

	@Test
	void refusesAnUnknownPushModeWithAProblemNamingTheField() {
		String appId = "wx" + Long.toHexString(System.nanoTime() | (1L << 62)).substring(0, 16);
		HttpResponse<String> answer = this.admin.postJson("/api/apps", """
				{"appId":"%s","name":"n","secret":"s3cret","token":"%s","encodingAesKey":"%s","pushMode":"AES"}"""
			.formatted(appId, TOKEN, KEY));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("pushMode").doesNotContain("s3cret").doesNotContain(KEY);
		assertThat(this.admin.get("/api/apps/" + appId).statusCode()).isEqualTo(404);
	}

	private String register(String pushMode) {
		String appId = "wx" + Long.toHexString(System.nanoTime() | (1L << 62)).substring(0, 16);
		String mode = (pushMode != null) ? ",\"pushMode\":\"" + pushMode + "\"" : "";
		HttpResponse<String> answer = this.admin.postJson("/api/apps", """
				{"appId":"%s","name":"n","secret":"s3cret","token":"%s","encodingAesKey":"%s"%s}""".formatted(appId,
				TOKEN, KEY, mode));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
		return appId;
	}

	private HttpResponse<String> push(String appId, Pushes.Request request) {
		return this.wechat.send("POST", "/wechat/" + appId + "?" + request.query(), request.body(), "Content-Type",
				request.contentType());
	}

	private long recorded(String appId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM inbox_message WHERE app_id = ?")
			.param(appId)
			.query(Long.class)
			.single();
	}

	private static String msgId() {
		return Long.toString(System.nanoTime());
	}

	private static long now() {
		return System.currentTimeMillis() / 1000;
	}

}
