package dev.kefu.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import dev.kefu.TestHttp;
import dev.kefu.apps.AppRegistry;
import dev.kefu.rules.matching.RuleMatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The legacy CMS map, merged by keyword, with its image fetched from a server on this
 * machine.
 */
@RulesIntegrationTest
class LegacyImportIntegrationTests {

	private static final byte[] QR_CODE = TestImages.png(120, 120);

	private static final AtomicInteger imageRequests = new AtomicInteger();

	private static HttpServer images;

	private static String imageBase;

	@LocalServerPort
	private int port;

	@Autowired
	private AppRegistry registry;

	@Autowired
	private RuleMatchers matchers;

	private TestHttp http;

	private String appId;

	private String rules;

	@BeforeAll
	static void serveImages() throws IOException {
		images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		imageBase = "http://127.0.0.1:" + images.getAddress().getPort();
		images.createContext("/x.png", (exchange) -> {
			imageRequests.incrementAndGet();
			exchange.sendResponseHeaders(200, QR_CODE.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(QR_CODE);
			}
		});
		images.createContext("/page.html", (exchange) -> {
			byte[] page = "<html><body>not an image</body></html>".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(page);
			}
		});
		images.start();
	}

	@AfterAll
	static void stopImages() {
		images.stop(0);
	}

	@BeforeEach
	void setUp() {
		this.http = TestHttp.on(this.port).as(RulesIntegrationTest.ADMIN, RulesIntegrationTest.ADMIN_PASSWORD);
		this.appId = TestApps.register(this.registry);
		this.rules = "/api/apps/" + this.appId + "/rules";
		imageRequests.set(0);
	}

	/**
	 * The seed's map: keyword "1" a download link card, "2" a QR code image, and the
	 * default text.
	 */
	private static String seedMap() {
		return """
				{"1": {"type": "link", "title": "下载APP", "description": "安卓、苹果手机都能用，点击立即下载",
				       "url": "https://example.com/download?from=kefu", "thumb_url": "https://example.com/logo.png"},
				 "2": {"type": "image", "url": "%s/x.png"},
				 "default": {"type": "text", "text": "您好！回复 1 下载APP，回复 2 添加客服微信"}}""".formatted(imageBase);
	}

	@Test
	void importsTheSeedMap() {
		HttpResponse<String> response = this.http.postJson(this.rules + "/import", seedMap());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat((Integer) JsonPath.read(response.body(), "$.created")).isEqualTo(3);
		String all = this.http.get(this.rules).body();
		assertThat((List<String>) JsonPath.read(all, "$[*].name")).containsExactly("1", "2", "default");
		assertThat((List<String>) JsonPath.read(all, "$[*].trigger")).containsExactly("KEYWORD", "KEYWORD", "DEFAULT");
		assertThat((List<String>) JsonPath.read(all, "$[0].keywords[*].match")).containsExactly("EXACT");
		assertThat((String) JsonPath.read(all, "$[0].replies[0].type")).isEqualTo("link");
		assertThat((String) JsonPath.read(all, "$[0].replies[0].url"))
			.isEqualTo("https://example.com/download?from=kefu");
		assertThat((String) JsonPath.read(all, "$[0].replies[0].thumbUrl")).isEqualTo("https://example.com/logo.png");
		assertThat((String) JsonPath.read(all, "$[0].replies[0].description")).isEqualTo("安卓、苹果手机都能用，点击立即下载");
		assertThat((String) JsonPath.read(all, "$[2].replies[0].content")).isEqualTo("您好！回复 1 下载APP，回复 2 添加客服微信");
		String assetId = JsonPath.read(all, "$[1].replies[0].assetId");
		assertThat(this.http.getBytes("/api/apps/" + this.appId + "/assets/" + assetId).body()).isEqualTo(QR_CODE);
	}

	@Test
	void answersAsTheSeedDid() {
		this.http.postJson(this.rules + "/import", seedMap());
		RuleMatcher matcher = this.matchers.matcher(this.appId);
		Instant now = Instant.now();

		assertThat(matcher.answering("text", "１", now).map(Rule::name)).contains("1");
		assertThat(matcher.answering("text", " 2 ", now).map(Rule::name)).contains("2");
		assertThat(matcher.answering("text", "12", now).map(Rule::name)).contains("default");
		assertThat(matcher.answering("image", "https://mmbiz.qpic.cn/x", now).map(Rule::name)).contains("default");
	}

	@Test
	void mergesByKeywordAndFetchesAnImageOnce() {
		this.http.postJson(this.rules + "/import", seedMap());
		String changed = seedMap().replace("{\"type\": \"link\", \"title\": \"下载APP\"",
				"{\"type\": \"text\", \"content\": \"请在应用商店搜索 kefu\", \"title\": \"下载APP\"");

		HttpResponse<String> response = this.http.postJson(this.rules + "/import", changed);

		assertThat((Integer) JsonPath.read(response.body(), "$.created")).isEqualTo(0);
		assertThat((Integer) JsonPath.read(response.body(), "$.updated")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(response.body(), "$.unchanged")).isEqualTo(2);
		assertThat(imageRequests).hasValue(1);
		assertThat((String) JsonPath.read(this.http.get(this.rules).body(), "$[0].replies[0].content"))
			.isEqualTo("请在应用商店搜索 kefu");
	}

	@Test
	void replacesOnlyTheRepliesOfAnOperatorsRule() {
		String id = JsonPath.read(this.http.postJson(this.rules, """
				{"name": "下载", "trigger": "KEYWORD", "priority": 3,
				 "keywords": [{"text": "１", "match": "EXACT"}, {"text": "下载", "match": "CONTAINS"}],
				 "replies": [{"type": "text", "content": "旧的"}]}""").body(), "$.id");

		this.http.postJson(this.rules + "/import", seedMap());

		String rule = this.http.get(this.rules + "/" + id).body();
		assertThat((String) JsonPath.read(rule, "$.name")).isEqualTo("下载");
		assertThat((Integer) JsonPath.read(rule, "$.priority")).isEqualTo(3);
		assertThat((List<String>) JsonPath.read(rule, "$.keywords[*].text")).containsExactly("１", "下载");
		assertThat((List<String>) JsonPath.read(rule, "$.replies[*].type")).containsExactly("link");
		assertThat((String) JsonPath.read(this.http.get(this.rules + "/" + id + "/versions").body(), "$[0].change"))
			.isEqualTo("IMPORTED");
	}

	@Test
	void readsTheOtherLegacyFieldNames() {
		this.http.postJson(this.rules + "/import", """
				{"a": {"type": "text", "content": "甲"}, "b": {"type": "text", "description": "乙"},
				 "c": {"type": "image", "imageurl": "%s/x.png"}}""".formatted(imageBase));

		String all = this.http.get(this.rules).body();
		assertThat((List<String>) JsonPath.read(all, "$[*].replies[0].content")).containsExactly("甲", "乙");
		assertThat((String) JsonPath.read(all, "$[2].replies[0].assetId")).isNotBlank();
	}

	@Test
	void refusesTheWholeImportNamingEachBadEntry() {
		HttpResponse<String> response = this.http.postJson(this.rules + "/import", """
				{"1": {"type": "link", "title": "下载", "url": "http://example.com/app"},
				 "2": {"type": "image", "url": "ftp://example.com/x.png"},
				 "3": {"type": "image", "url": "%s/page.html"},
				 "4": {"type": "video"},
				 "5": {"type": "text", "text": "好"}}""".formatted(imageBase));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field"))
			.containsExactlyInAnyOrder("[\"2\"].url", "[\"3\"].url", "[\"4\"].type");
		assertThat(this.http.get(this.rules).body()).isEqualTo("[]");

		HttpResponse<String> link = this.http.postJson(this.rules + "/import",
				"{\"1\": {\"type\": \"link\", \"title\": \"下载\", \"url\": \"http://example.com/app\"}}");
		assertThat((List<String>) JsonPath.read(link.body(), "$.errors[*].field")).containsExactly("[\"1\"].url");
	}

	@Test
	void refusesABodyThatIsNoMap() {
		assertThat(this.http.postJson(this.rules + "/import", "\"1\"").statusCode()).isEqualTo(400);
		assertThat(this.http.postJson(this.rules + "/import", "{\"1\": \"text\"}").statusCode()).isEqualTo(400);
	}

}
