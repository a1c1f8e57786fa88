package dev.kefu.links;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kefu.Browser;
import dev.kefu.TestDatabases;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracked links seen the way users and operators see them, in a real Chromium: kefu
 * started as a newcomer starts it (sandbox mode, the built-in emulator playing WeChat), a
 * user who asks for the download link in the emulator's chat and taps the card (as an
 * iPhone and as an Android phone), landing on the download page, an HTTPS server of the
 * test's own; then the operator's funnel on the dashboard, the rule's page, the funnel
 * page and its CSV export. Each test uses a sandbox app of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kefu.sandbox.enabled=true", "kefu.admin.username=" + LinksInBrowserIntegrationTests.ADMIN,
				"kefu.admin.password=" + LinksInBrowserIntegrationTests.PASSWORD })
class LinksInBrowserIntegrationTests {

	static final String ADMIN = "links-admin";

	static final String PASSWORD = "L1nks-admin-password";

	private static final String DATABASE = TestDatabases.freshH2();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** The app's download page, on HTTPS as a link card's target must be. */
	private static final WireMockServer DOWNLOAD_PAGE = downloadPage();

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	AppRegistry registry;

	@Autowired
	RuleBook rules;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> DATABASE);
		registry.add("kefu.data-dir", () -> "target/test-data/" + UUID.randomUUID());
	}

	private static WireMockServer downloadPage() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
		server.start();
		server
			.stubFor(WireMock.get(WireMock.urlPathEqualTo("/download"))
				.willReturn(WireMock
					.ok("<!DOCTYPE html><html><head><title>下载 kefu App</title></head><body>下载</body></html>")
					.withHeader("Content-Type", "text/html; charset=utf-8")));
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	@BeforeAll
	static void startBrowser() {
		// the download page's certificate is WireMock's own
		browser = new Browser("--ignore-certificate-errors");
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@BeforeEach
	void signIn() {
		browser.at("http://localhost:" + this.port).userAgent(null).desktop().signOut().signIn(ADMIN, PASSWORD);
	}

	@Test
	void aUserTapsTheTrackedCardAsAnIphoneAndAnAndroidPhoneAndTheFunnelCountsOneSentOneUserTwoTaps() {
		String target = "https://localhost:" + DOWNLOAD_PAGE.httpsPort() + "/download?channel=kefu";
		String appId = sandboxApp();
		String ruleId = trackedRule(appId, "下载", target);
		String user = "o_tapper_" + appId.substring(2, 10);

		chat(appId, user).say("下载");
		String card = browser.await("#chat .reply-link .card-link").getAttribute("href");
		assertThat(card).matches("http://localhost:" + this.port + "/l/[A-Za-z0-9_-]{16}");

		String landed = tapCard(VisitorTests.IPHONE_WECHAT);
		assertThat(landed).isEqualTo(target + "&utm_source=kefu&utm_medium=wechat&utm_campaign=" + appId);
		chat(appId, user);
		tapCard(VisitorTests.ANDROID_WECHAT);
		browser.userAgent(null);

		List<LoggedRequest> downloads = DOWNLOAD_PAGE
			.findAll(WireMock.getRequestedFor(WireMock.urlPathEqualTo("/download"))
				.withQueryParam("utm_campaign", WireMock.equalTo(appId)));
		assertThat(downloads).extracting((request) -> request.getHeader("User-Agent"))
			.containsExactly(VisitorTests.IPHONE_WECHAT, VisitorTests.ANDROID_WECHAT);
		assertThat(downloads)
			.allSatisfy((request) -> assertThat(request.queryParameter("channel").firstValue()).isEqualTo("kefu"));

		browser.open("/apps/" + appId + "/links");
		browser.until((driver) -> {
			if (browser.find("[data-test=links-taps]").getText().equals("2")) {
				return true;
			}
			driver.navigate().refresh();
			return null;
		});
		assertThat(browser.find("[data-test=links-sent]").getText()).isEqualTo("1");
		assertThat(browser.find("[data-test=links-users]").getText()).isEqualTo("1");
		assertThat(browser.find("[data-test=links-matched]").getText()).isEqualTo("1");
		assertThat(browser.find("[data-test=links-rate]").getText()).isEqualTo("100%");
		assertThat(browser.find("[data-test=links-platforms] [data-test=links-platform-IOS]").getText()).isEqualTo("1");
		assertThat(browser.find("[data-test=links-platforms] [data-test=links-platform-ANDROID]").getText())
			.isEqualTo("1");
		assertThat(browser.find("[data-test=links-in-wechat]").getText()).isEqualTo("2");
		assertThat(browser.find("[data-test=links-rules] [data-rule='" + ruleId + "']").getText()).contains("下载");
		browser.screenshot("link-funnel");

		browser.open("/apps/" + appId);
		assertThat(browser.awaitText("[data-test=panel-links] [data-test=links-taps]", "2").getText()).isEqualTo("2");
		assertThat(browser.find("[data-test=panel-links] [data-test=links-users]").getText()).isEqualTo("1");
		browser.open("/apps/" + appId + "/rules/" + ruleId);
		assertThat(browser.awaitText("[data-test=panel-links] [data-test=links-sent]", "1").getText()).isEqualTo("1");
	}

	@Test
	void exportsTheFunnelAsCsvWithARowPerRuleAndDay() throws Exception {
		String appId = sandboxApp();
		String ruleId = trackedRule(appId, "下载", "https://localhost:" + DOWNLOAD_PAGE.httpsPort() + "/download");
		chat(appId, "o_csv").say("下载");
		String card = browser.await("#chat .reply-link .card-link").getAttribute("href");
		HttpResponse<String> tap = HTTP.send(
				HttpRequest.newBuilder(URI.create(card)).header("User-Agent", VisitorTests.IPHONE_SAFARI).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(tap.statusCode()).isEqualTo(302);

		String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
		HttpResponse<String> csv = getWithSession(
				"/apps/" + appId + "/links/export.csv?from=" + today + "&to=" + today);
		for (int tries = 0; tries < 100 && !csv.body().contains(ruleId + ",下载,1,1,1,1,1,100,1,0,0,0,0,0"); tries++) {
			Thread.sleep(100);
			csv = getWithSession("/apps/" + appId + "/links/export.csv?from=" + today + "&to=" + today);
		}

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).contains("attachment").contains(".csv"));
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo("\uFEFFday,rule_id,rule_name,matched,sent,users,taps,tapped_replies,"
				+ "tap_through_percent,ios,android,desktop,other,in_wechat,fetches");
		assertThat(lines).contains(today + "," + ruleId + ",下载,1,1,1,1,1,100,1,0,0,0,0,0",
				today + ".." + today + "," + ruleId + ",下载,1,1,1,1,1,100,1,0,0,0,0,0",
				today + ".." + today + ",,,1,1,1,1,1,100,1,0,0,0,0,0");
	}

	@Test
	void showsAPeriodThatCannotBeReadAtItsFieldAndRefusesToExportIt() throws Exception {
		String appId = sandboxApp();

		browser.open("/apps/" + appId + "/links?from=2026-02-30&to=2026-03-01");
		assertThat(browser.await("[data-test=period-error]").getText()).contains("2026-01-31");
		browser.open("/apps/" + appId + "/links?from=2026-03-02&to=2026-03-01");
		assertThat(browser.await("[data-test=period-error]").getText()).isEqualTo("结束日期不能早于开始日期。");

		HttpResponse<String> csv = getWithSession("/apps/" + appId + "/links/export.csv?from=yesterday");
		assertThat(csv.statusCode()).isEqualTo(400);
		assertThat(csv.body()).startsWith("from: must be a date");
		assertThat(getWithSession("/apps/wx00000000000000ff/links").statusCode()).isEqualTo(404);
	}

	@Test
	void fitsTheFunnelPageOnAPhone() {
		String appId = sandboxApp();
		trackedRule(appId, "下载", "https://localhost:" + DOWNLOAD_PAGE.httpsPort() + "/download");

		browser.phone().open("/apps/" + appId + "/links");
		browser.await("[data-test=links-rules]");

		assertThat(browser.overflowsSideways()).isFalse();
	}

	/** A new sandbox app, once the emulator plays it too. */
	private String sandboxApp() {
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.registry.register(new AppDraft(appId, "链接测试", "secret-" + appId, "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, true, null));
		return appId;
	}

	/**
	 * A KEYWORD rule answering {@code keyword} with a tracked link card; utm_campaign is
	 * the app.
	 */
	private String trackedRule(String appId, String keyword, String target) {
		return this.rules
			.create(appId,
					new RuleDocument(null, keyword, Trigger.KEYWORD, 0, true, ReplyMode.ALL,
							List.of(new KeywordItem(keyword, MatchMode.EXACT)),
							List.of(new ReplyItem("link", null, "下载 kefu App", "安卓和 iPhone 都能装", target, null, null,
									null, null, true, Map.of("source", "kefu", "medium", "wechat", "campaign", appId))),
							null, null, null, null, null, null, null, null),
					ADMIN)
			.id();
	}

	private LinksInBrowserIntegrationTests chat(String appId, String user) {
		browser.until((driver) -> {
			browser.open("/emulator?app=" + appId + "&user=" + user);
			return browser.all("#message").isEmpty() ? null : true;
		});
		return this;
	}

	private void say(String text) {
		browser.type("#message", text).click("#send");
	}

	/**
	 * Taps the link card as a phone with this User-Agent would, in this tab (the card
	 * opens a new one otherwise), and answers where the browser landed.
	 */
	private String tapCard(String userAgent) {
		browser.userAgent(userAgent);
		browser.await("#chat .reply-link .card-link");
		// one script: the chat is swapped in anew every second
		browser.script("var card = document.querySelector('#chat .reply-link .card-link');"
				+ "card.removeAttribute('target'); card.click();");
		return browser.until((driver) -> driver.getCurrentUrl().contains("/download?") ? driver.getCurrentUrl() : null);
	}

	private HttpResponse<String> getWithSession(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Cookie", "JSESSIONID=" + browser.sessionCookie())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
