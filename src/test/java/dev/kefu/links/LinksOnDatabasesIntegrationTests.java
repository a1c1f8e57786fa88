package dev.kefu.links;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.kefu.FakeWeChat;
import dev.kefu.KefuInstances;
import dev.kefu.TestDatabases;
import dev.kefu.TimeOrderedIds;
import dev.kefu.apps.Apps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracked links on every database kefu supports: one kefu per database answering through
 * a fake WeChat, the funnel of a day of traffic, codes compared case by case, and the
 * purge.
 */
class LinksOnDatabasesIntegrationTests {

	private final FakeWeChat wechat = FakeWeChat.start();

	private ConfigurableApplicationContext kefu;

	static Stream<Arguments> databases() {
		return Stream.of(Arguments.argumentSet("H2", (Supplier<String>) TestDatabases::freshH2),
				Arguments.argumentSet("PostgreSQL", (Supplier<String>) TestDatabases::freshPostgres),
				Arguments.argumentSet("MariaDB", (Supplier<String>) TestDatabases::freshMariadb));
	}

	@AfterEach
	void stop() {
		if (this.kefu != null) {
			this.kefu.close();
		}
		this.wechat.close();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void recordsAClickOnceAndGoesOnWhenTheAnswerToItsCommitIsLost(Supplier<String> database) {
		this.kefu = KefuInstances.start(database.get(), this.wechat, "kefu.public-url=https://kefu.example.com");
		LinkTraffic traffic = new LinkTraffic(this.kefu, this.wechat);
		String appId = traffic.appWithDownloadRule(LinkTraffic.TARGET)[0];
		traffic.says(appId, "o_lost", "1");
		String code = LinkTraffic.code(traffic.linkSentTo("o_lost"));
		LinkStore store = this.kefu.getBean(LinkStore.class);
		LinkCode link = store.find(code).orElseThrow();
		// the first write commits, and then its connection breaks before the answer comes
		// back
		TransactionTemplate transactions = new TransactionTemplate(this.kefu.getBean(PlatformTransactionManager.class));
		AtomicBoolean loseTheAnswer = new AtomicBoolean(true);
		TransactionOperations answerLostOnce = new TransactionOperations() {
			@Override
			public <T> T execute(TransactionCallback<T> action) {
				T result = transactions.execute(action);
				if (loseTheAnswer.getAndSet(false)) {
					throw new TransactionSystemException("the connection broke after the commit");
				}
				return result;
			}
		};
		ClickRecorder recorder = new ClickRecorder(store, answerLostOnce, this.kefu.getBean(LinksProperties.class),
				new SimpleMeterRegistry());
		recorder.start();
		try {
			recorder.click(click(link, Instant.now()));
			await().until(() -> !loseTheAnswer.get());
			recorder.click(click(link, Instant.now().plusMillis(1)));

			JdbcClient jdbc = this.kefu.getBean(JdbcClient.class);
			await().until(() -> clicks(jdbc, code) == 2);
			recorder.stop();
			assertThat(clicks(jdbc, code)).as("each click recorded once").isEqualTo(2);
		}
		finally {
			recorder.stop();
		}
	}

	private static Click click(LinkCode link, Instant at) {
		return new Click(TimeOrderedIds.next(at), link.code(), link.appId(), link.ruleId(), link.openId(), at,
				new Visitor(Platform.IOS, true, false));
	}

	private static long clicks(JdbcClient jdbc, String code) {
		return jdbc.sql("SELECT COUNT(*) FROM links_click WHERE code = ?").param(code).query(Long.class).single();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void countsMatchedSentUsersAndTapsByPlatformAndPurgesWhatIsPastRetention(Supplier<String> database) {
		this.kefu = KefuInstances.start(database.get(), this.wechat, "kefu.public-url=https://kefu.example.com");
		LinkTraffic traffic = new LinkTraffic(this.kefu, this.wechat);
		String[] app = traffic.appWithDownloadRule(LinkTraffic.TARGET);
		String appId = app[0];
		traffic.says(appId, "o_tapper", "1");
		traffic.says(appId, "o_reader", "1");
		traffic.says(appId, "o_other", "你好");
		String code = LinkTraffic.code(traffic.linkSentTo("o_tapper"));
		traffic.linkSentTo("o_reader");

		assertThat(traffic.tap(code, VisitorTests.IPHONE_WECHAT).statusCode()).isEqualTo(302);
		assertThat(traffic.tap(code, VisitorTests.ANDROID_WECHAT).statusCode()).isEqualTo(302);
		assertThat(traffic.tap(code, "curl/8.5.0").statusCode()).isEqualTo(302);
		String swapped = swapCase(code);
		if (!swapped.equals(code)) {
			assertThat(traffic.tap(swapped, VisitorTests.IPHONE_WECHAT).statusCode()).as("the code in other case")
				.isEqualTo(404);
		}

		LinkFunnel funnel = this.kefu.getBean(LinkFunnel.class);
		LocalDate today = LocalDate.now(this.kefu.getBean(Apps.class).find(appId).orElseThrow().timeZone());
		await().until(() -> {
			LinkFunnel.Figures total = funnel.report(appId, null, today, today).total();
			return total.sent() == 2 && total.taps() + total.fetches() == 3;
		});
		LinkFunnel.Report report = funnel.report(appId, null, today.minusDays(6), today);
		LinkFunnel.Figures total = report.total();
		assertThat(total.matched()).isEqualTo(2);
		assertThat(total.sent()).isEqualTo(2);
		assertThat(total.users()).isEqualTo(1);
		assertThat(total.taps()).isEqualTo(2);
		assertThat(total.tappedReplies()).isEqualTo(1);
		assertThat(total.tapThroughPercent()).isEqualTo(50);
		assertThat(total.fetches()).isEqualTo(1);
		assertThat(total.platform(Platform.IOS)).isEqualTo(1);
		assertThat(total.platform(Platform.ANDROID)).isEqualTo(1);
		assertThat(total.inWeChat()).isEqualTo(2);
		assertThat(report.days()).hasSize(7);
		assertThat(report.days().get(today)).isEqualTo(total);
		assertThat(report.rules()).singleElement().satisfies((rule) -> {
			assertThat(rule.ruleId()).isEqualTo(app[1]);
			assertThat(rule.name()).isEqualTo("下载");
			assertThat(rule.total()).isEqualTo(total);
		});

		purgesCodesAndClicksPastRetention(appId);
		assertThat(traffic.tap(code, VisitorTests.IPHONE_WECHAT).statusCode()).as("a current code stays")
			.isEqualTo(302);
	}

	private void purgesCodesAndClicksPastRetention(String appId) {
		Instant old = Instant.now().minus(181, ChronoUnit.DAYS);
		this.kefu.getBean(LinkStore.class)
			.insert(new LinkCode("OldCode_00000001", appId, "r-old", "d-old", 0, "o_old", LinkTraffic.TARGET, old,
					old.plus(90, ChronoUnit.DAYS)));
		this.kefu.getBean(TransactionOperations.class)
			.executeWithoutResult((status) -> this.kefu.getBean(LinkStore.class)
				.write(List.of(new Click(TimeOrderedIds.next(old), "OldCode_00000001", appId, "r-old", "o_old", old,
						new Visitor(Platform.IOS, true, false))), Map.of()));
		JdbcClient jdbc = this.kefu.getBean(JdbcClient.class);
		assertThat(count(jdbc, "links_code", appId)).isEqualTo(3);

		this.kefu.getBean(LinksPurge.class).purge();

		assertThat(count(jdbc, "links_code", appId)).isEqualTo(2);
		assertThat(count(jdbc, "links_click", appId)).isEqualTo(3);
	}

	private static long count(JdbcClient jdbc, String table, String appId) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE app_id = ?").param(appId).query(Long.class).single();
	}

	/**
	 * The code with every letter in the other case (the same code if it has no letter).
	 */
	private static String swapCase(String code) {
		StringBuilder swapped = new StringBuilder();
		for (char c : code.toCharArray()) {
			swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
		}
		return swapped.toString();
	}

}
