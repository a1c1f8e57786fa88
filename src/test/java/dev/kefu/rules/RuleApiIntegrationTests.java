package dev.kefu.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.kefu.TestHttp;
import dev.kefu.apps.AppRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@RulesIntegrationTest
class RuleApiIntegrationTests {

	static final String DOWNLOAD_RULE = """
			{"name": "下载APP", "trigger": "KEYWORD", "priority": 0, "enabled": true, "replyMode": "ALL",
			 "keywords": [{"text": "1", "match": "EXACT"}],
			 "replies": [{"type": "text", "content": "点击下方链接下载"},
			             {"type": "link", "title": "下载APP", "description": "安卓和iOS", "url": "https://example.com/app",
			              "thumbUrl": "https://example.com/thumb.png"},
			             {"type": "transfer"}]}""";

	@LocalServerPort
	private int port;

	@Autowired
	private AppRegistry registry;

	private TestHttp http;

	private String appId;

	private String rules;

	@BeforeEach
	void setUp() {
		this.http = TestHttp.on(this.port).as(RulesIntegrationTest.ADMIN, RulesIntegrationTest.ADMIN_PASSWORD);
		this.appId = TestApps.register(this.registry);
		this.rules = "/api/apps/" + this.appId + "/rules";
	}

	@Test
	void createsARuleAnswering201WithItsIdAndLocation() {
		HttpResponse<String> response = this.http.postJson(this.rules, DOWNLOAD_RULE);

		assertThat(response.statusCode()).isEqualTo(201);
		String id = JsonPath.read(response.body(), "$.id");
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith(this.rules + "/" + id));
		String stored = this.http.get(this.rules + "/" + id).body();
		assertThat((String) JsonPath.read(stored, "$.name")).isEqualTo("下载APP");
		assertThat((List<Object>) JsonPath.read(stored, "$.replies[*].type")).containsExactly("text", "link",
				"transfer");
		assertThat((String) JsonPath.read(stored, "$.replies[1].thumbUrl")).isEqualTo("https://example.com/thumb.png");
		assertThat((String) JsonPath.read(stored, "$.keywords[0].match")).isEqualTo("EXACT");
	}

	@Test
	void keepsATrackedLinkWithItsUtmParametersAndLeavesOthersUntracked() {
		String tracked = DOWNLOAD_RULE.replace("\"thumbUrl\": \"https://example.com/thumb.png\"}",
				"\"thumbUrl\": \"https://example.com/thumb.png\", \"tracked\": true, "
						+ "\"utm\": {\"campaign\": \"spring\", \"source\": \"kefu\"}}");
		String id = JsonPath.read(this.http.postJson(this.rules, tracked).body(), "$.id");
		String untracked = JsonPath.read(this.http.postJson(this.rules, DOWNLOAD_RULE.replace("\"1\"", "\"2\"")).body(),
				"$.id");

		String stored = this.http.get(this.rules + "/" + id).body();
		assertThat((Boolean) JsonPath.read(stored, "$.replies[1].tracked")).isTrue();
		assertThat((Map<String, String>) JsonPath.read(stored, "$.replies[1].utm"))
			.containsExactly(Map.entry("source", "kefu"), Map.entry("campaign", "spring"));
		String plain = this.http.get(this.rules + "/" + untracked).body();
		assertThat((Map<String, Object>) JsonPath.read(plain, "$.replies[1]")).doesNotContainKeys("tracked", "utm");
	}

	@Test
	void listsUpdatesAndDeletesRules() {
		String id = JsonPath.read(this.http.postJson(this.rules, DOWNLOAD_RULE).body(), "$.id");

		HttpResponse<String> updated = this.http.putJson(this.rules + "/" + id,
				DOWNLOAD_RULE.replace("\"priority\": 0", "\"priority\": 7"));
		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat((Integer) JsonPath.read(updated.body(), "$.priority")).isEqualTo(7);
		assertThat((List<String>) JsonPath.read(this.http.get(this.rules).body(), "$[*].id")).containsExactly(id);

		assertThat(this.http.delete(this.rules + "/" + id).statusCode()).isEqualTo(204);
		assertThat(this.http.get(this.rules + "/" + id).statusCode()).isEqualTo(404);
		assertThat(this.http.get(this.rules).body()).isEqualTo("[]");
	}

	@Test
	void answers404ForAnUnknownAppOrRule() {
		assertThat(this.http.get("/api/apps/wx0000000000000000/rules").statusCode()).isEqualTo(404);
		assertThat(this.http.postJson("/api/apps/wx0000000000000000/rules", DOWNLOAD_RULE).statusCode()).isEqualTo(404);
		HttpResponse<String> response = this.http.get(this.rules + "/no-such-rule");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.http.putJson(this.rules + "/no-such-rule", DOWNLOAD_RULE).statusCode()).isEqualTo(404);
		assertThat(this.http.delete(this.rules + "/no-such-rule").statusCode()).isEqualTo(404);
	}

	@Test
	void refusesRequestsWithoutCredentials() {
		assertThat(this.http.anonymous().get(this.rules).statusCode()).isEqualTo(401);
		assertThat(this.http.anonymous().postJson(this.rules, DOWNLOAD_RULE).statusCode()).isEqualTo(401);
	}

	@Test
	void recordsWhoChangedWhatAndWhen() {
		String id = JsonPath.read(this.http.postJson(this.rules, DOWNLOAD_RULE).body(), "$.id");
		this.http.putJson(this.rules + "/" + id, DOWNLOAD_RULE.replace("下载APP\", \"trigger", "下载\", \"trigger"));

		String versions = this.http.get(this.rules + "/" + id + "/versions").body();

		assertThat((List<Integer>) JsonPath.read(versions, "$[*].version")).containsExactly(2, 1);
		assertThat((List<String>) JsonPath.read(versions, "$[*].change")).containsExactly("UPDATED", "CREATED");
		assertThat((List<String>) JsonPath.read(versions, "$[*].changedBy")).containsOnly(RulesIntegrationTest.ADMIN);
		assertThat((List<Object>) JsonPath.read(versions, "$[*].changedAt")).doesNotContainNull();
		assertThat((String) JsonPath.read(versions, "$[0].before.name")).isEqualTo("下载APP");
		assertThat((String) JsonPath.read(versions, "$[0].after.name")).isEqualTo("下载");
		assertThat((Object) JsonPath.read(versions, "$[1].after.name")).isEqualTo("下载APP");
	}

	@Test
	void leavesAnUnchangedRuleWithoutANewVersion() {
		String id = JsonPath.read(this.http.postJson(this.rules, DOWNLOAD_RULE).body(), "$.id");
		this.http.putJson(this.rules + "/" + id, DOWNLOAD_RULE);

		assertThat((List<Integer>) JsonPath.read(this.http.get(this.rules + "/" + id + "/versions").body(),
				"$[*].version"))
			.containsExactly(1);
	}

	@Test
	void restoresAnEarlierVersion() {
		String id = JsonPath.read(this.http.postJson(this.rules, DOWNLOAD_RULE).body(), "$.id");
		this.http.putJson(this.rules + "/" + id, DOWNLOAD_RULE.replace("点击下方链接下载", "已改"));

		HttpResponse<String> restored = this.http.postJson(this.rules + "/" + id + "/versions/1/restore", "");

		assertThat(restored.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(restored.body(), "$.replies[0].content")).isEqualTo("点击下方链接下载");
		assertThat((Integer) JsonPath.read(restored.body(), "$.version")).isEqualTo(3);
		assertThat((String) JsonPath.read(this.http.get(this.rules + "/" + id + "/versions").body(), "$[0].change"))
			.isEqualTo("RESTORED");
	}

	@Test
	void restoresADeletedRuleUnderItsId() {
		String id = JsonPath.read(this.http.postJson(this.rules, DOWNLOAD_RULE).body(), "$.id");
		this.http.delete(this.rules + "/" + id);

		assertThat(this.http.postJson(this.rules + "/" + id + "/versions/2/restore", "").statusCode()).isEqualTo(409);
		HttpResponse<String> restored = this.http.postJson(this.rules + "/" + id + "/versions/1/restore", "");

		assertThat(restored.statusCode()).isEqualTo(200);
		assertThat(this.http.get(this.rules + "/" + id).statusCode()).isEqualTo(200);
		assertThat(this.http.postJson(this.rules + "/" + id + "/versions/9/restore", "").statusCode()).isEqualTo(404);
	}

	@Test
	void reimportingTheExportChangesNothing() {
		this.http.postJson(this.rules, DOWNLOAD_RULE);
		this.http.postJson(this.rules, """
				{"name": "兜底", "trigger": "DEFAULT", "cooldown": "PT10M",
				 "businessHours": {"days": ["MONDAY", "FRIDAY"], "from": "09:00", "until": "18:00"},
				 "replies": [{"type": "text", "content": "您好，稍后回复您"}]}""");
		this.http.postJson(this.rules, """
				{"name": "欢迎", "trigger": "WELCOME", "sessionFrom": "banner", "replyMode": "RANDOM",
				 "activeFrom": "2026-01-01T00:00:00Z", "activeUntil": "2027-01-01T00:00:00Z",
				 "replies": [{"type": "text", "content": "欢迎!"}, {"type": "text", "content": "你好!"}]}""");
		String export = this.http.get(this.rules + "/export").body();

		HttpResponse<String> imported = this.http.postJson(this.rules + "/import", export);

		assertThat(imported.statusCode()).isEqualTo(200);
		assertThat((Integer) JsonPath.read(imported.body(), "$.unchanged")).isEqualTo(3);
		assertThat(this.http.get(this.rules + "/export").body()).isEqualTo(export);
		assertThat((String) JsonPath.read(export, "$[1].cooldown")).isEqualTo("PT10M");
		assertThat((String) JsonPath.read(export, "$[1].businessHours.from")).isEqualTo("09:00");
		assertThat((String) JsonPath.read(export, "$[2].activeFrom")).isEqualTo("2026-01-01T00:00:00Z");
	}

	@Test
	void importsAnExportIntoAnotherAppAsTheSameRules() {
		this.http.postJson(this.rules, DOWNLOAD_RULE);
		this.http.postJson(this.rules, """
				{"name": "兜底", "trigger": "DEFAULT", "cooldown": "PT10M",
				 "replies": [{"type": "text", "content": "您好"}]}""");
		String export = this.http.get(this.rules + "/export").body();
		String other = "/api/apps/" + TestApps.register(this.registry) + "/rules";

		HttpResponse<String> imported = this.http.postJson(other + "/import", export);

		assertThat((Integer) JsonPath.read(imported.body(), "$.created")).isEqualTo(2);
		assertThat(contents(this.http.get(other + "/export").body())).isEqualTo(contents(export));
	}

	@Test
	void documentsTheApiWithOpenApi() {
		String docs = this.http.get("/v3/api-docs").body();

		Map<String, Object> paths = JsonPath.read(docs, "$.paths");
		assertThat(paths).containsKeys("/api/apps/{appId}/rules", "/api/apps/{appId}/rules/{id}",
				"/api/apps/{appId}/rules/import", "/api/apps/{appId}/rules/export", "/api/apps/{appId}/assets");
		assertThat(paths.keySet()).allMatch((path) -> path.startsWith("/api/"));
	}

	/** The rules without what kefu sets (ids, versions, times). */
	private static List<Object> contents(String export) {
		return JsonPath.parse(export)
			.delete("$[*].id")
			.delete("$[*].version")
			.delete("$[*].createdAt")
			.delete("$[*].updatedAt")
			.read("$");
	}

}
