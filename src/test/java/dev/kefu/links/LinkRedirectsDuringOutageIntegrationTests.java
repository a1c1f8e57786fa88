package dev.kefu.links;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import dev.kefu.FakeWeChat;
import dev.kefu.KefuInstances;
import dev.kefu.TcpProxy;
import dev.kefu.TestDatabases;
import dev.kefu.apps.Apps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database hiccup must not cost a user the redirect: kefu on PostgreSQL behind a
 * {@link TcpProxy} that cuts the database off. A code the instance knows still redirects
 * at once, its taps are written once the database is back; one it would have to look up
 * gets a "try again" page within seconds rather than a hang or an error.
 */
class LinkRedirectsDuringOutageIntegrationTests {

	/** Far below WeChat's or a user's patience; a cached redirect takes milliseconds. */
	private static final long ANSWER_WITHIN_MILLIS = 2000;

	/**
	 * A code that must be looked up fails over a broken pooled connection, then a refused
	 * new one (the pool waits up to its connection timeout, 1 s): a few seconds on a busy
	 * 2-core machine.
	 */
	private static final long LOOKUP_WITHIN_MILLIS = 5000;

	private final FakeWeChat wechat = FakeWeChat.start();

	@AfterEach
	void stopFake() {
		this.wechat.close();
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void redirectsKnownCodesWhileTheDatabaseIsGoneAndRecordsTheirTapsOnceItIsBack() throws Exception {
		String database = TestDatabases.freshPostgres();
		try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432);
				ConfigurableApplicationContext kefu = KefuInstances.start(
						database.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()), this.wechat,
						"kefu.public-url=https://kefu.example.com")) {
			LinkTraffic traffic = new LinkTraffic(kefu, this.wechat);
			String appId = traffic.appWithDownloadRule(LinkTraffic.TARGET)[0];
			traffic.says(appId, "o_outage", "1");
			String code = LinkTraffic.code(traffic.linkSentTo("o_outage"));
			// a first request warms the redirect's path and the client's connection up (a
			// fetcher: not a tap)
			assertThat(traffic.tap(code, "curl/8.5.0").statusCode()).isEqualTo(302);

			proxy.cut();
			try {
				for (String userAgent : new String[] { VisitorTests.IPHONE_WECHAT, VisitorTests.ANDROID_WECHAT,
						VisitorTests.IPHONE_SAFARI }) {
					long start = System.nanoTime();
					HttpResponse<String> tap = traffic.tap(code, userAgent);
					long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
					assertThat(tap.statusCode()).isEqualTo(302);
					assertThat(tap.headers().firstValue("Location"))
						.hasValueSatisfying((location) -> assertThat(location).startsWith(LinkTraffic.TARGET));
					assertThat(millis).as("redirect time while the database is gone").isLessThan(ANSWER_WITHIN_MILLIS);
				}
				long start = System.nanoTime();
				HttpResponse<String> unknown = traffic.tap("NeverIssued00000", VisitorTests.IPHONE_WECHAT);
				assertThat(unknown.statusCode()).isEqualTo(503);
				assertThat(unknown.body()).contains("暂时无法打开");
				assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis())
					.as("a look-up while the database is gone")
					.isLessThan(LOOKUP_WITHIN_MILLIS);
			}
			finally {
				proxy.restore();
			}

			LinkFunnel funnel = kefu.getBean(LinkFunnel.class);
			LocalDate today = LocalDate.now(kefu.getBean(Apps.class).find(appId).orElseThrow().timeZone());
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> funnel.report(appId, null, today, today).total().taps() == 3);
			LinkFunnel.Figures total = funnel.report(appId, null, today, today).total();
			assertThat(total.users()).isEqualTo(1);
			assertThat(total.platform(Platform.IOS)).isEqualTo(2);
			assertThat(total.platform(Platform.ANDROID)).isEqualTo(1);
		}
	}

}
