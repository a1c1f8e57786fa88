package dev.kefu.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.kefu.TestHttp;
import dev.kefu.apps.AppRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every way a rule can be invalid answers 400 with a problem detail naming the field. */
@RulesIntegrationTest
class RuleValidationIntegrationTests {

	private static final String TEXT = "[{\"type\": \"text\", \"content\": \"好的\"}]";

	@LocalServerPort
	private int port;

	@Autowired
	private AppRegistry registry;

	private TestHttp http;

	private String rules;

	@BeforeEach
	void setUp() {
		this.http = TestHttp.on(this.port).as(RulesIntegrationTest.ADMIN, RulesIntegrationTest.ADMIN_PASSWORD);
		this.rules = "/api/apps/" + TestApps.register(this.registry) + "/rules";
	}

	static Stream<Arguments> invalidRules() {
		return Stream.of(
				invalid("empty keyword", keywordRule("[{\"text\": \"  \", \"match\": \"EXACT\"}]", TEXT),
						"keywords[0].text"),
				invalid("full-width blank keyword",
						keywordRule("[{\"text\": \"\u3000\", \"match\": \"CONTAINS\"}]", TEXT), "keywords[0].text"),
				invalid("regex RE2/J rejects", keywordRule("[{\"text\": \"(a\", \"match\": \"REGEX\"}]", TEXT),
						"keywords[0].text"),
				invalid("backreference RE2/J does not support",
						keywordRule("[{\"text\": \"(a)\\\\1\", \"match\": \"REGEX\"}]", TEXT), "keywords[0].text"),
				invalid("keyword without match", keywordRule("[{\"text\": \"hi\"}]", TEXT), "keywords[0].match"),
				invalid("unknown match mode", keywordRule("[{\"text\": \"hi\", \"match\": \"FUZZY\"}]", TEXT),
						"keywords[0].match"),
				invalid("keyword rule without keywords", keywordRule("[]", TEXT), "keywords"),
				invalid("link without https url",
						keywordRule(hi(),
								"[{\"type\": \"link\", \"title\": \"下载\", \"url\": \"http://example.com/app\"}]"),
						"replies[0].url"),
				invalid("link without url", keywordRule(hi(), "[{\"type\": \"link\", \"title\": \"下载\"}]"),
						"replies[0].url"),
				invalid("link without title",
						keywordRule(hi(), "[{\"type\": \"link\", \"url\": \"https://example.com/app\"}]"),
						"replies[0].title"),
				invalid("unknown utm parameter", keywordRule(hi(), "[{\"type\": \"link\", \"title\": \"下载\", "
						+ "\"url\": \"https://example.com/app\", \"tracked\": true, \"utm\": {\"id\": \"x\"}}]"),
						"replies[0].utm.id"),
				invalid("utm parameters of an untracked link", keywordRule(hi(), "[{\"type\": \"link\", "
						+ "\"title\": \"下载\", \"url\": \"https://example.com/app\", \"utm\": {\"source\": \"kefu\"}}]"),
						"replies[0].utm"),
				invalid("empty utm parameter", keywordRule(hi(), "[{\"type\": \"link\", \"title\": \"下载\", "
						+ "\"url\": \"https://example.com/app\", \"tracked\": true, \"utm\": {\"source\": \" \"}}]"),
						"replies[0].utm.source"),
				invalid("tracked image",
						keywordRule(hi(), "[{\"type\": \"image\", \"assetId\": \"none\", \"tracked\": true}]"),
						"replies[0].tracked"),
				invalid("utm parameters of a mini program card",
						keywordRule(hi(), "[{\"type\": \"miniprogrampage\", "
								+ "\"title\": \"首页\", \"pagePath\": \"pages/index/index\", \"thumbAssetId\": \"none\", "
								+ "\"tracked\": true, \"utm\": {\"source\": \"kefu\"}}]"),
						"replies[0].utm"),
				invalid("utm parameters of an untracked text",
						keywordRule(hi(),
								"[{\"type\": \"text\", \"content\": \"好\", \"utm\": {\"source\": \"kefu\"}}]"),
						"replies[0].utm"),
				invalid("text over WeChat's length limit",
						keywordRule(hi(), "[{\"type\": \"text\", \"content\": \"" + "字".repeat(683) + "\"}]"),
						"replies[0].content"),
				invalid("empty text", keywordRule(hi(), "[{\"type\": \"text\", \"content\": \"\"}]"),
						"replies[0].content"),
				invalid("image whose asset does not exist",
						keywordRule(hi(), "[{\"type\": \"image\", \"assetId\": \"no-such-asset\"}]"),
						"replies[0].assetId"),
				invalid("card whose thumbnail asset does not exist", keywordRule(hi(),
						"[{\"type\": \"miniprogrampage\", \"title\": \"首页\", \"pagePath\": \"pages/index/index\", "
								+ "\"thumbAssetId\": \"no-such-asset\"}]"),
						"replies[0].thumbAssetId"),
				invalid("more than five replies",
						keywordRule(hi(),
								"[" + IntStream.range(0, 6)
									.mapToObj((i) -> "{\"type\": \"text\", \"content\": \"" + i + "\"}")
									.collect(Collectors.joining(",")) + "]"),
						"replies"),
				invalid("no replies", keywordRule(hi(), "[]"), "replies"),
				invalid("unknown reply type", keywordRule(hi(), "[{\"type\": \"video\"}]"), "replies[0].type"),
				invalid("empty name", "{\"name\": \" \", \"trigger\": \"DEFAULT\", \"replies\": " + TEXT + "}", "name"),
				invalid("unknown trigger", "{\"name\": \"x\", \"trigger\": \"SOMETIMES\", \"replies\": " + TEXT + "}",
						"trigger"),
				invalid("default rule with keywords",
						"{\"name\": \"x\", \"trigger\": \"DEFAULT\", \"keywords\": " + hi() + ", \"replies\": " + TEXT
								+ "}",
						"keywords"),
				invalid("welcome rule that transfers",
						"{\"name\": \"x\", \"trigger\": \"WELCOME\", " + "\"replies\": [{\"type\": \"transfer\"}]}",
						"replies[0].type"),
				invalid("session-from on a keyword rule",
						"{\"name\": \"x\", \"trigger\": \"KEYWORD\", \"keywords\": " + hi()
								+ ", \"sessionFrom\": \"banner\", \"replies\": " + TEXT + "}",
						"sessionFrom"),
				invalid("cooldown on a keyword rule",
						"{\"name\": \"x\", \"trigger\": \"KEYWORD\", \"keywords\": " + hi()
								+ ", \"cooldown\": \"PT1M\", \"replies\": " + TEXT + "}",
						"cooldown"),
				invalid("negative cooldown",
						"{\"name\": \"x\", \"trigger\": \"DEFAULT\", \"cooldown\": \"-PT1M\", " + "\"replies\": " + TEXT
								+ "}",
						"cooldown"),
				invalid("malformed cooldown",
						"{\"name\": \"x\", \"trigger\": \"DEFAULT\", \"cooldown\": \"ten\", " + "\"replies\": " + TEXT
								+ "}",
						"cooldown"),
				invalid("active period ending before it starts", "{\"name\": \"x\", \"trigger\": \"DEFAULT\", "
						+ "\"activeFrom\": \"2026-03-01T00:00:00Z\", \"activeUntil\": \"2026-02-01T00:00:00Z\", "
						+ "\"replies\": " + TEXT + "}", "activeUntil"),
				invalid("business hours without days",
						"{\"name\": \"x\", \"trigger\": \"DEFAULT\", "
								+ "\"businessHours\": {\"days\": [], \"from\": \"09:00\", \"until\": \"18:00\"}, "
								+ "\"replies\": " + TEXT + "}",
						"businessHours.days"),
				invalid("malformed business hours", "{\"name\": \"x\", \"trigger\": \"DEFAULT\", "
						+ "\"businessHours\": {\"days\": [\"MONDAY\"], \"from\": \"9am\", \"until\": \"18:00\"}, "
						+ "\"replies\": " + TEXT + "}", "businessHours.from"),
				invalid("priority that is no number",
						"{\"name\": \"x\", \"trigger\": \"DEFAULT\", \"priority\": \"high\", " + "\"replies\": " + TEXT
								+ "}",
						"priority"));
	}

	private static Arguments invalid(String description, String body, String field) {
		return Arguments.argumentSet(description, body, field);
	}

	private static String hi() {
		return "[{\"text\": \"hi\", \"match\": \"EXACT\"}]";
	}

	private static String keywordRule(String keywords, String replies) {
		return "{\"name\": \"测试\", \"trigger\": \"KEYWORD\", \"keywords\": " + keywords + ", \"replies\": " + replies
				+ "}";
	}

	@ParameterizedTest
	@MethodSource("invalidRules")
	void refusesAnInvalidRuleNamingTheField(String body, String field) {
		HttpResponse<String> response = this.http.postJson(this.rules, body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field")).contains(field);
		assertThat(this.http.get(this.rules).body()).isEqualTo("[]");
	}

	@Test
	void refusesAnExactKeywordOfAnotherEnabledRuleNamingThatRule() {
		String other = JsonPath
			.read(this.http.postJson(this.rules, keywordRule("[{\"text\": \"下载APP\", \"match\": \"EXACT\"}]", TEXT))
				.body(), "$.id");

		HttpResponse<String> response = this.http.postJson(this.rules, keywordRule(
				"[{\"text\": \"新\", \"match\": \"EXACT\"}, {\"text\": \"下载ａｐｐ \", \"match\": \"EXACT\"}]", TEXT));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat((String) JsonPath.read(response.body(), "$.errors[0].field")).isEqualTo("keywords[1].text");
		assertThat((String) JsonPath.read(response.body(), "$.errors[0].ruleId")).isEqualTo(other);
		assertThat((String) JsonPath.read(response.body(), "$.detail")).contains(other);
	}

	@Test
	void allowsTheSameExactKeywordWhenOneRuleIsDisabled() {
		this.http.postJson(this.rules, keywordRule("[{\"text\": \"下载\", \"match\": \"EXACT\"}]", TEXT)
			.replace("{\"name\"", "{\"enabled\": false, \"name\""));

		assertThat(this.http.postJson(this.rules, keywordRule("[{\"text\": \"下载\", \"match\": \"EXACT\"}]", TEXT))
			.statusCode()).isEqualTo(201);
	}

	@Test
	void refusesEnablingARuleWhoseExactKeywordIsTaken() {
		String disabled = JsonPath.read(
				this.http
					.postJson(this.rules,
							keywordRule("[{\"text\": \"下载\", \"match\": \"EXACT\"}]", TEXT).replace("{\"name\"",
									"{\"enabled\": false, \"name\""))
					.body(),
				"$.id");
		String enabled = JsonPath.read(
				this.http.postJson(this.rules, keywordRule("[{\"text\": \"下载\", \"match\": \"EXACT\"}]", TEXT)).body(),
				"$.id");

		HttpResponse<String> response = this.http.putJson(this.rules + "/" + disabled,
				keywordRule("[{\"text\": \"下载\", \"match\": \"EXACT\"}]", TEXT));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat((String) JsonPath.read(response.body(), "$.errors[0].ruleId")).isEqualTo(enabled);
	}

	@Test
	void refusesMoreThanOneHundredRegexKeywordsPerApp() {
		String hundred = IntStream.range(0, 100)
			.mapToObj((i) -> "{\"text\": \"^r" + i + "$\", \"match\": \"REGEX\"}")
			.collect(Collectors.joining(",", "[", "]"));
		assertThat(this.http.postJson(this.rules, keywordRule(hundred, TEXT)).statusCode()).isEqualTo(201);

		HttpResponse<String> response = this.http.postJson(this.rules,
				keywordRule("[{\"text\": \"^one more$\", \"match\": \"REGEX\"}]", TEXT));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field"))
			.containsExactly("keywords[0].text");
	}

	@Test
	void reportsEveryProblemAtOnce() {
		HttpResponse<String> response = this.http.postJson(this.rules,
				"{\"name\": \"\", \"trigger\": \"KEYWORD\", \"keywords\": [], \"replies\": []}");

		assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field")).containsExactlyInAnyOrder("name",
				"keywords", "replies");
	}

}
