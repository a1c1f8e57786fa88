package dev.kefu.apps.web;

import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import dev.kefu.TestHttp;
import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.apps.AppsIntegrationTest;
import dev.kefu.console.ConsoleUsers;
import dev.kefu.console.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@AppsIntegrationTest
class AppsApiIntegrationTests {

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	private static final String OTHER_AES_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut";

	private static final String SECRET = "5ecret5ecret5ecret5ecret5ecret99";

	private static final String TOKEN = "tokenOfTheTest1";

	@LocalServerPort
	private int port;

	@Autowired
	private Apps apps;

	@Autowired
	private ConsoleUsers users;

	private TestHttp anonymous;

	private TestHttp admin;

	private String appId;

	@BeforeEach
	void setUp() {
		this.anonymous = TestHttp.on(this.port);
		this.admin = this.anonymous.as(AppsIntegrationTest.ADMIN, AppsIntegrationTest.ADMIN_PASSWORD);
		this.appId = newAppId();
	}

	@Test
	void registersAnAppAnswering201WithItsLocationAndCallbackPath() {
		HttpResponse<String> response = this.admin.postJson("/api/apps", body(this.appId));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/api/apps/" + this.appId));
		assertThat((String) JsonPath.read(response.body(), "$.callbackPath")).isEqualTo("/wechat/" + this.appId);
		assertThat((String) JsonPath.read(response.body(), "$.name")).isEqualTo("客服测试");
		assertThat(this.apps.find(this.appId)).get()
			.satisfies((app) -> assertThat(List.of(app.secret(), app.token(), app.encodingAesKey()))
				.containsExactly(SECRET, TOKEN, AES_KEY));
	}

	@Test
	void neverAnswersWithASecretTokenOrAesKey() {
		String created = this.admin
			.postJson("/api/apps",
					body(this.appId).replace("}", ",\"previousEncodingAesKey\":\"" + OTHER_AES_KEY + "\"}"))
			.body();
		String listed = this.admin.get("/api/apps").body();
		String got = this.admin.get("/api/apps/" + this.appId).body();
		String updated = this.admin.putJson("/api/apps/" + this.appId, "{\"name\":\"renamed\"}").body();

		assertThat(List.of(created, listed, got, updated)).allSatisfy((json) -> assertThat(json).contains(this.appId)
			.doesNotContain(SECRET, TOKEN, AES_KEY, OTHER_AES_KEY, AppsIntegrationTest.BOOTSTRAP_SECRET,
					AppsIntegrationTest.BOOTSTRAP_AES_KEY, "bootToken"));
		assertThat((Boolean) JsonPath.read(got, "$.hasSecret")).isTrue();
		assertThat((Boolean) JsonPath.read(got, "$.hasPreviousEncodingAesKey")).isTrue();
	}

	@Test
	void answers400NamingAnAppIdThatIsNotWxAndSixteenHexCharacters() {
		assertInvalid(body("wx12345"), "appId");
	}

	@Test
	void answers400NamingATokenThatIsNotThreeToThirtyTwoLettersOrDigits() {
		assertInvalid(body(this.appId).replace(TOKEN, "t!"), "token");
	}

	@Test
	void answers400NamingAnEncodingAesKeyThatIsNotFortyThreeCharacters() {
		assertInvalid(body(this.appId).replace(AES_KEY, AES_KEY.substring(1)), "encodingAesKey");
	}

	@Test
	void answers400NamingAnEncodingAesKeyWithCharactersOtherThanLettersAndDigits() {
		assertInvalid(body(this.appId).replace(AES_KEY, AES_KEY.substring(1) + "="), "encodingAesKey");
	}

	@Test
	void answers400NamingAMissingName() {
		assertInvalid(body(this.appId).replace("\"name\":\"客服测试\",", ""), "name");
	}

	@Test
	void answers400NamingAMissingSecret() {
		assertInvalid(body(this.appId).replace("\"secret\":\"" + SECRET + "\",", ""), "secret");
	}

	@Test
	void answers400NamingAnInvalidPreviousEncodingAesKey() {
		assertInvalid(body(this.appId).replace("}", ",\"previousEncodingAesKey\":\"short\"}"),
				"previousEncodingAesKey");
	}

	@Test
	void answers400NamingEachInvalidFieldAtOnce() {
		assertInvalid("{\"appId\":\"wx1\",\"token\":\"t\",\"encodingAesKey\":\"k\"}", "appId", "name", "secret",
				"token", "encodingAesKey");
	}

	@Test
	void answers400NamingAnInvalidFieldOnUpdate() {
		this.admin.postJson("/api/apps", body(this.appId));

		HttpResponse<String> response = this.admin.putJson("/api/apps/" + this.appId, "{\"encodingAesKey\":\"short\"}");

		assertProblem(response, 400);
		assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field"))
			.containsExactly("encodingAesKey");
	}

	@Test
	void answers400ProblemForMalformedJson() {
		for (String malformed : List.of("{\"appId\":", "not json", "[1,2]", "")) {
			HttpResponse<String> response = this.admin.postJson("/api/apps", malformed);

			assertProblem(response, 400);
			assertThat(response.body()).doesNotContain("Exception", "at org.", "at java.");
		}
	}

	@Test
	void answers400ProblemForDeeplyNestedJson() {
		String nested = "{\"appId\":\"" + this.appId + "\",\"name\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

		HttpResponse<String> response = this.admin.postJson("/api/apps", nested);

		assertProblem(response, 400);
		assertThat(response.body()).doesNotContain("Exception", "at org.", "at java.");
	}

	@Test
	void answers400NamingAFieldOfTheWrongType() {
		HttpResponse<String> response = this.admin.postJson("/api/apps",
				body(this.appId).replace("}", ",\"sandbox\":{\"nested\":true}}"));

		assertProblem(response, 400);
		assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field")).containsExactly("sandbox");
	}

	@Test
	void answers404ForAnUnknownApp() {
		String path = "/api/apps/" + this.appId;

		assertProblem(this.admin.get(path), 404);
		assertProblem(this.admin.putJson(path, "{\"name\":\"x\"}"), 404);
		assertProblem(this.admin.delete(path), 404);
	}

	@Test
	void answers409ForADuplicateAppId() {
		assertThat(this.admin.postJson("/api/apps", body(this.appId)).statusCode()).isEqualTo(201);

		HttpResponse<String> duplicate = this.admin.postJson("/api/apps", body(this.appId));

		assertProblem(duplicate, 409);
		assertThat(duplicate.body()).contains(this.appId);
	}

	@Test
	void answers401WithoutCredentialsOrWithAWrongPassword() {
		List<HttpResponse<String>> responses = List.of(this.anonymous.get("/api/apps"),
				this.anonymous.postJson("/api/apps", body(this.appId)),
				this.anonymous.delete("/api/apps/" + this.appId),
				this.anonymous.as(AppsIntegrationTest.ADMIN, "wrong").get("/api/apps"));

		assertThat(responses).allSatisfy((response) -> {
			assertProblem(response, 401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"kefu\"");
		});
		assertThat(this.apps.find(this.appId)).isEmpty();
	}

	@Test
	void updatesOnlyTheGivenFieldsAndKeepsTheOldKeyAsPreviousOnRotation() {
		this.admin.postJson("/api/apps", body(this.appId));

		HttpResponse<String> response = this.admin.putJson("/api/apps/" + this.appId,
				"{\"name\":\"改名\",\"encodingAesKey\":\"" + OTHER_AES_KEY + "\",\"sandbox\":true}");

		assertThat(response.statusCode()).isEqualTo(200);
		App app = this.apps.find(this.appId).orElseThrow();
		assertThat(app.name()).isEqualTo("改名");
		assertThat(app.secret()).isEqualTo(SECRET);
		assertThat(app.token()).isEqualTo(TOKEN);
		assertThat(app.encodingAesKey()).isEqualTo(OTHER_AES_KEY);
		assertThat(app.previousEncodingAesKey()).isEqualTo(AES_KEY);
		assertThat(app.sandbox()).isTrue();
	}

	@Test
	void removesThePreviousKeyWhenGivenEmpty() {
		this.admin.postJson("/api/apps",
				body(this.appId).replace("}", ",\"previousEncodingAesKey\":\"" + OTHER_AES_KEY + "\"}"));

		this.admin.putJson("/api/apps/" + this.appId, "{\"previousEncodingAesKey\":\"\"}");

		assertThat(this.apps.find(this.appId)).get().extracting(App::previousEncodingAesKey).isNull();
	}

	@Test
	void deletesAnApp() {
		this.admin.postJson("/api/apps", body(this.appId));

		assertThat(this.admin.delete("/api/apps/" + this.appId).statusCode()).isEqualTo(204);
		assertThat(this.admin.get("/api/apps/" + this.appId).statusCode()).isEqualTo(404);
		assertThat(this.apps.find(this.appId)).isEmpty();
	}

	@Test
	void letsAnEditorReadAppsAndReachOtherModulesApisButNotChangeApps() {
		String editor = "editor-" + this.appId;
		this.users.create(editor, "editor-password", Role.EDITOR);
		TestHttp asEditor = this.anonymous.as(editor, "editor-password");
		this.admin.postJson("/api/apps", body(this.appId));

		assertThat(asEditor.get("/api/apps").statusCode()).isEqualTo(200);
		assertThat(asEditor.get("/api/apps/" + this.appId).statusCode()).isEqualTo(200);
		assertThat(asEditor.get("/api/apps/" + this.appId + "/rules").statusCode()).isNotIn(401, 403);
		assertProblem(asEditor.postJson("/api/apps", body(newAppId())), 403);
		assertProblem(asEditor.putJson("/api/apps/" + this.appId, "{\"name\":\"x\"}"), 403);
		assertProblem(asEditor.delete("/api/apps/" + this.appId), 403);
		assertThat(this.apps.find(this.appId)).get().extracting(App::name).isEqualTo("客服测试");
	}

	private void assertInvalid(String json, String... fields) {
		HttpResponse<String> response = this.admin.postJson("/api/apps", json);

		assertProblem(response, 400);
		assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field")).containsExactly(fields);
		assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].reason")).hasSize(fields.length)
			.allSatisfy((reason) -> assertThat(reason).isNotBlank());
		assertThat(response.body()).doesNotContain(SECRET);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(status);
	}

	private static String body(String appId) {
		return """
				{"appId":"%s","name":"客服测试","secret":"%s","token":"%s","encodingAesKey":"%s"}""".formatted(appId,
				SECRET, TOKEN, AES_KEY);
	}

	static String newAppId() {
		byte[] bytes = new byte[8];
		ThreadLocalRandom.current().nextBytes(bytes);
		return "wx" + HexFormat.of().formatHex(bytes);
	}

}
