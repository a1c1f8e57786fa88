package dev.kefu.links;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kefu.FakeWeChat;
import dev.kefu.KefuInstances;
import dev.kefu.TestDatabases;
import dev.kefu.apps.Apps;
import dev.kefu.media.Assets;
import dev.kefu.rules.TestImages;
import dev.kefu.rules.RuleDocument.ReplyItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The short URLs of tracked links, end to end on one kefu (H2) that answers through a
 * fake WeChat: what a reply carries, where a tap leads, and what it is counted as.
 */
class LinkRedirectsIntegrationTests {

	private static final String IPHONE = VisitorTests.IPHONE_WECHAT;

	private static final String ANDROID = VisitorTests.ANDROID_WECHAT;

	private static FakeWeChat wechat;

	private static ConfigurableApplicationContext kefu;

	private static LinkTraffic traffic;

	@BeforeAll
	static void start() {
		wechat = FakeWeChat.start();
		kefu = KefuInstances.start(TestDatabases.freshH2(), wechat, "kefu.public-url=https://kefu.example.com/");
		traffic = new LinkTraffic(kefu, wechat);
	}

	@AfterAll
	static void stop() {
		kefu.close();
		wechat.close();
	}

	@Test
	void sendsAShortUrlThatRedirectsOnlyToTheStoredTargetWithItsQueryAndTheUtmParameters() {
		String appId = traffic.appWithDownloadRule(LinkTraffic.TARGET)[0];
		traffic.says(appId, "o_redirect_1", "1");

		String url = traffic.linkSentTo("o_redirect_1");

		assertThat(url).matches("https://kefu\\.example\\.com/l/[A-Za-z0-9_-]{16}");
		HttpResponse<String> tap = traffic.tap(LinkTraffic.code(url), IPHONE);
		assertThat(tap.statusCode()).isEqualTo(302);
		assertThat(tap.headers().firstValue("Location"))
			.hasValue(LinkTraffic.TARGET + "&utm_source=kefu&utm_medium=wechat");
		assertThat(tap.headers().firstValue("Cache-Control")).hasValue("no-store");
		HttpResponse<String> asked = traffic.request("GET",
				"/l/" + LinkTraffic.code(url) + "?url=https://evil.example.com/", "User-Agent", IPHONE);
		assertThat(asked.headers().firstValue("Location"))
			.hasValue(LinkTraffic.TARGET + "&utm_source=kefu&utm_medium=wechat");
	}

	@Test
	void answersAnUnknownOrMalformedCodeWithAPlain404Page() {
		for (String code : new String[] { "AAAAAAAAAAAAAAAA", "short", "AAAAAAAA+AAAAAAA", "AAAAAAAAAAAAAAAAA" }) {
			HttpResponse<String> tap = traffic.tap(code, IPHONE);
			assertThat(tap.statusCode()).as(code).isEqualTo(404);
			assertThat(tap.headers().firstValue("Location")).as(code).isEmpty();
			assertThat(tap.body()).as(code).contains("找不到这个链接").doesNotContain("/login");
		}
	}

	@Test
	void showsTheExpiredPageOnceTheCodeIsPastItsValidityInChineseOrEnglish() {
		Instant sent = Instant.now().minus(91, ChronoUnit.DAYS);
		kefu.getBean(LinkStore.class)
			.insert(new LinkCode("ExpiredCode_0001", "wx00000000000e0001", "r-1", "d-expired", 0, "o_expired",
					LinkTraffic.TARGET, sent, sent.plus(90, ChronoUnit.DAYS)));

		HttpResponse<String> chinese = traffic.tap("ExpiredCode_0001", IPHONE);
		HttpResponse<String> english = traffic.request("GET", "/l/ExpiredCode_0001", "User-Agent", IPHONE,
				"Accept-Language", "en-US,en;q=0.9");

		assertThat(chinese.statusCode()).isEqualTo(410);
		assertThat(chinese.headers().firstValue("Location")).isEmpty();
		assertThat(chinese.body()).contains("链接已失效").contains("lang=\"zh-CN\"");
		assertThat(english.statusCode()).isEqualTo(410);
		assertThat(english.body()).contains("Link expired").contains("lang=\"en\"");
	}

	@Test
	void countsAPreviewFetcherNeitherAsATapNorAsAUser() {
		String appId = traffic.appWithDownloadRule(LinkTraffic.TARGET)[0];
		traffic.says(appId, "o_preview_1", "1");
		String code = LinkTraffic.code(traffic.linkSentTo("o_preview_1"));

		assertThat(
				traffic.tap(code, "Mozilla/5.0 (compatible; Bytespider; spider-feedback@bytedance.com)").statusCode())
			.isEqualTo(302);
		assertThat(traffic.request("HEAD", "/l/" + code, "User-Agent", IPHONE).statusCode()).isEqualTo(302);
		assertThat(traffic.tap(code, ANDROID).statusCode()).isEqualTo(302);

		LinkFunnel.Figures total = awaitTotal(appId, 3);
		assertThat(total.taps()).isEqualTo(1);
		assertThat(total.users()).isEqualTo(1);
		assertThat(total.fetches()).isEqualTo(2);
		assertThat(total.platform(Platform.ANDROID)).isEqualTo(1);
	}

	@Test
	void countsTapsForPrometheusByAppRulePlatformAndWeChat() {
		String[] app = traffic.appWithDownloadRule(LinkTraffic.TARGET);
		traffic.says(app[0], "o_metrics", "1");
		String code = LinkTraffic.code(traffic.linkSentTo("o_metrics"));

		traffic.tap(code, IPHONE);
		traffic.tap(code, IPHONE);
		traffic.tap(code, VisitorTests.WINDOWS_CHROME);
		traffic.tap(code, "curl/8.5.0");

		String basic = Base64.getEncoder()
			.encodeToString("admin:admin-password-for-tests".getBytes(StandardCharsets.UTF_8));
		// the sent counter moves once kefu has read WeChat's answer, just after the fake
		// noted the send
		await().until(() -> traffic
			.request("GET", "/actuator/prometheus", "Authorization", "Basic " + basic, "Accept", "text/plain")
			.body()
			.contains("kefu_links_sent_total{app=\"" + app[0] + "\""));
		String metrics = traffic
			.request("GET", "/actuator/prometheus", "Authorization", "Basic " + basic, "Accept", "text/plain")
			.body();
		String labels = "app=\"" + app[0] + "\",platform=\"%s\",rule=\"" + app[1] + "\",wechat=\"%s\"";
		assertThat(metrics).contains("kefu_links_clicks_total{" + labels.formatted("ios", "true") + "} 2.0")
			.contains("kefu_links_clicks_total{" + labels.formatted("desktop", "false") + "} 1.0")
			.contains("kefu_links_fetches_total{app=\"" + app[0] + "\"} 1.0")
			.contains("kefu_links_sent_total{app=\"" + app[0] + "\",rule=\"" + app[1] + "\"} 1.0");
	}

	@Test
	void sendsEachUrlOfATrackedTextAsAShortUrlOfItsOwn() {
		String[] app = traffic.appAnsweringOneWith(new ReplyItem("text",
				"安卓：" + LinkTraffic.TARGET + "。iPhone：<a href=\"https://example.com/ios\">App Store</a>", null, null,
				null, null, null, null, null, true, Map.of("source", "kefu")));
		traffic.says(app[0], "o_text_1", "1");
		await().until(() -> !wechat.sentTo("o_text_1").isEmpty());

		String content = wechat.sentTo("o_text_1").get(0).object().path("content").asString();
		Matcher shortUrls = Pattern.compile("https://kefu\\.example\\.com/l/([A-Za-z0-9_-]{16})").matcher(content);
		assertThat(shortUrls.find()).isTrue();
		String android = shortUrls.group(1);
		assertThat(shortUrls.find()).isTrue();
		String iphone = shortUrls.group(1);
		assertThat(content).isEqualTo("安卓：https://kefu.example.com/l/" + android
				+ "。iPhone：<a href=\"https://kefu.example.com/l/" + iphone + "\">App Store</a>");

		assertThat(traffic.tap(android, ANDROID).headers().firstValue("Location"))
			.hasValue(LinkTraffic.TARGET + "&utm_source=kefu");
		assertThat(traffic.tap(iphone, IPHONE).headers().firstValue("Location"))
			.hasValue("https://example.com/ios?utm_source=kefu");
		LinkFunnel.Figures total = awaitTotal(app[0], 2);
		assertThat(total.users()).isEqualTo(1);
		assertThat(total.platform(Platform.ANDROID)).isEqualTo(1);
		assertThat(total.platform(Platform.IOS)).isEqualTo(1);
	}

	@Test
	void carriesACodeInATrackedMiniProgramCardsPathThatTheMiniProgramReportsInsteadOfFollowing() {
		String[] app = traffic.appAnsweringOneWith((appId) -> new ReplyItem("miniprogrampage", null, "打开商城", null, null,
				null, null, "pages/shop/index?from=kefu",
				kefu.getBean(Assets.class).store(appId, "cover.png", TestImages.png(300, 240)).id(), true, null));
		traffic.says(app[0], "o_page_1", "1");
		await().until(() -> !wechat.sentTo("o_page_1").isEmpty());

		String path = wechat.sentTo("o_page_1").get(0).object().path("pagepath").asString();
		assertThat(path).matches("pages/shop/index\\?from=kefu&kefu_link=[A-Za-z0-9_-]{16}");
		String code = path.substring(path.indexOf("kefu_link=") + 10);
		HttpResponse<String> followed = traffic.tap(code, IPHONE);
		assertThat(followed.statusCode()).isEqualTo(404);
		assertThat(followed.headers().firstValue("Location")).isEmpty();
		assertThat(traffic.request("POST", "/l/" + code + "/opened", "User-Agent", IPHONE).statusCode()).isEqualTo(204);
		assertThat(traffic.request("POST", "/l/AAAAAAAAAAAAAAAA/opened", "User-Agent", IPHONE).statusCode())
			.isEqualTo(404);
		String linkCode = LinkTraffic.code(sentLink());
		assertThat(traffic.request("POST", "/l/" + linkCode + "/opened", "User-Agent", IPHONE).statusCode())
			.as("a link card's code is followed, not reported")
			.isEqualTo(404);

		LinkFunnel.Figures total = awaitTotal(app[0], 1);
		assertThat(total.taps()).isEqualTo(1);
		assertThat(total.users()).isEqualTo(1);
		assertThat(total.platform(Platform.IOS)).isEqualTo(1);
		await().until(() -> kefu.getBean(LinkFunnel.class)
			.report(app[0], null, today(app[0]), today(app[0]))
			.total()
			.sent() == 1);
	}

	/** The short URL of a tracked link card just sent to a user of a new app. */
	private static String sentLink() {
		String appId = traffic.appWithDownloadRule(LinkTraffic.TARGET)[0];
		traffic.says(appId, "o_page_2", "1");
		return traffic.linkSentTo("o_page_2");
	}

	private static LocalDate today(String appId) {
		return LocalDate.now(kefu.getBean(Apps.class).find(appId).orElseThrow().timeZone());
	}

	@Test
	void neverRedirectsOneAppsCodeToAnotherAppsTarget() {
		String first = traffic.appWithDownloadRule("https://first.example.com/app")[0];
		String second = traffic.appWithDownloadRule("https://second.example.com/app")[0];
		// the same OpenID in both apps: different users, as WeChat gives each app its own
		traffic.says(first, "o_isolated", "1");
		await().until(() -> wechat.sentTo("o_isolated").size() == 1);
		traffic.says(second, "o_isolated", "1");
		await().until(() -> wechat.sentTo("o_isolated").size() == 2);
		String firstCode = LinkTraffic.code(wechat.sentTo("o_isolated").get(0).object().path("url").asString());
		String secondCode = LinkTraffic.code(wechat.sentTo("o_isolated").get(1).object().path("url").asString());
		assertThat(wechat.sentTo("o_isolated").get(0).appId()).isEqualTo(first);

		assertThat(traffic.tap(firstCode, IPHONE).headers().firstValue("Location").orElseThrow())
			.startsWith("https://first.example.com/app?");
		assertThat(traffic.tap(secondCode, IPHONE).headers().firstValue("Location").orElseThrow())
			.startsWith("https://second.example.com/app?");
		assertThat(traffic.tap(firstCode, ANDROID).headers().firstValue("Location").orElseThrow())
			.startsWith("https://first.example.com/app?");

		assertThat(awaitTotal(first, 2).taps()).isEqualTo(2);
		assertThat(awaitTotal(second, 1).taps()).isEqualTo(1);
	}

	@Test
	void givesARetriedReplyTheCodeOfItsFirstAttempt() {
		String appId = traffic.appWithDownloadRule(LinkTraffic.TARGET)[0];
		wechat.answer("o_retried", FakeWeChat.Answer.errcode(-1));
		traffic.says(appId, "o_retried", "1");

		String code = LinkTraffic.code(traffic.linkSentTo("o_retried"));

		JdbcClient jdbc = kefu.getBean(JdbcClient.class);
		assertThat(jdbc.sql("SELECT code FROM links_code WHERE app_id = ?").param(appId).query(String.class).list())
			.containsExactly(code);
		assertThat(traffic.tap(code, IPHONE).statusCode()).isEqualTo(302);
	}

	/**
	 * The app's funnel for today once {@code records} clicks (taps and fetches) are
	 * written.
	 */
	private static LinkFunnel.Figures awaitTotal(String appId, long records) {
		LinkFunnel funnel = kefu.getBean(LinkFunnel.class);
		LocalDate today = LocalDate.now(kefu.getBean(Apps.class).find(appId).orElseThrow().timeZone());
		await().until(() -> {
			LinkFunnel.Figures total = funnel.report(appId, null, today, today).total();
			return total.taps() + total.fetches() >= records;
		});
		return funnel.report(appId, null, today, today).total();
	}

}
