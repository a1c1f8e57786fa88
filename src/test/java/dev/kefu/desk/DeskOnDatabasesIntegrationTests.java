package dev.kefu.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import dev.kefu.MutableClock;
import dev.kefu.TestDatabases;
import dev.kefu.rules.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The desk's quick replies and its retention purge on every database kefu supports. */
class DeskOnDatabasesIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

	private static final Duration RETENTION = Duration.ofDays(1);

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void keepsEachKindOfQuickReplyOncePerShortcutAndApp(Supplier<String> url, String user, String vendor) {
		QuickReplies quick = new QuickReplies(JdbcClient.create(TestDatabases.migrated(url, user, vendor)),
				new MutableClock(NOW));
		Reply text = new Reply.Text("您好，很高兴为您服务");
		Reply link = new Reply.Link("下载", "安卓和 iPhone", "https://example.com/app", null);
		Reply image = new Reply.Image("asset-1");
		Reply card = new Reply.MiniProgramPage("看看", "pages/index/index", "asset-2");

		assertThat(quick.add("wx-app", "你好", text, "editor")).isEmpty();
		assertThat(quick.add("wx-app", "link", link, "editor")).isEmpty();
		assertThat(quick.add("wx-app", "qr", image, "editor")).isEmpty();
		assertThat(quick.add("wx-app", "card", card, "editor")).isEmpty();
		assertThat(quick.add("wx-app", "qr", text, "editor")).contains(QuickReplies.Refusal.SHORTCUT_TAKEN);
		assertThat(quick.add("wx-other", "qr", text, "editor")).as("another app's library").isEmpty();

		assertThat(quick.list("wx-app")).extracting(QuickReplies.QuickReply::reply)
			.containsExactlyInAnyOrder(text, link, image, card);
		assertThat(quick.uses("wx-app", "asset-1")).isTrue();
		assertThat(quick.uses("wx-app", "asset-2")).isTrue();
		assertThat(quick.uses("wx-other", "asset-1")).isFalse();
		assertThat(quick.usesByAsset("wx-app")).containsOnlyKeys("asset-1", "asset-2");

		String id = quick.list("wx-app")
			.stream()
			.filter((q) -> q.shortcut().equals("qr"))
			.findFirst()
			.orElseThrow()
			.id();
		assertThat(quick.delete("wx-other", id, "editor")).as("not another app's").isFalse();
		assertThat(quick.delete("wx-app", id, "editor")).isTrue();
		assertThat(quick.uses("wx-app", "asset-1")).isFalse();
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void changesAQuickReplysShortcutAndReplyButNotToAnothersShortcutNorOnceDeleted(Supplier<String> url, String user,
			String vendor) {
		QuickReplies quick = new QuickReplies(JdbcClient.create(TestDatabases.migrated(url, user, vendor)),
				new MutableClock(NOW));
		assertThat(quick.add("wx-app", "hello", new Reply.Text("您好"), "editor")).isEmpty();
		assertThat(quick.add("wx-app", "bye", new Reply.Text("再见"), "editor")).isEmpty();
		String hello = idOf(quick, "hello");
		Reply card = new Reply.MiniProgramPage("看看", "pages/index/index", "asset-2");

		assertThat(quick.update("wx-app", hello, "hi", card, "editor")).isEmpty();
		assertThat(quick.find("wx-app", hello)).contains(new QuickReplies.QuickReply(hello, "hi", card));
		assertThat(quick.uses("wx-app", "asset-2")).isTrue();

		assertThat(quick.update("wx-app", hello, "bye", new Reply.Text("抢别人的"), "editor"))
			.contains(QuickReplies.Refusal.SHORTCUT_TAKEN);
		assertThat(quick.find("wx-app", hello)).as("unchanged")
			.contains(new QuickReplies.QuickReply(hello, "hi", card));
		assertThat(quick.update("wx-other", hello, "hi", new Reply.Text("别的小程序"), "editor")).as("not another app's")
			.contains(QuickReplies.Refusal.NOT_FOUND);

		assertThat(quick.delete("wx-app", hello, "editor")).isTrue();
		assertThat(quick.update("wx-app", hello, "hi", new Reply.Text("已删除"), "editor"))
			.contains(QuickReplies.Refusal.NOT_FOUND);
		assertThat(quick.find("wx-app", hello)).isEmpty();
		assertThat(quick.list("wx-app")).extracting(QuickReplies.QuickReply::shortcut).containsExactly("bye");
	}

	private static String idOf(QuickReplies quick, String shortcut) {
		return quick.list("wx-app")
			.stream()
			.filter((q) -> q.shortcut().equals(shortcut))
			.findFirst()
			.orElseThrow()
			.id();
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void purgesAuditEntriesAndReadMarkersPastTheRetention(Supplier<String> url, String user, String vendor) {
		DriverManagerDataSource dataSource = TestDatabases.migrated(url, user, vendor);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		audit(jdbc, "a-old", NOW.minus(RETENTION).minusMillis(1));
		audit(jdbc, "a-recent", NOW.minus(RETENTION).plusSeconds(1));
		read(jdbc, "o-old", NOW.minus(Duration.ofDays(30)));
		read(jdbc, "o-recent", NOW.minusSeconds(60));
		DeskPurge purge = new DeskPurge(jdbc, new JdbcTransactionManager(dataSource), new MutableClock(NOW),
				new DeskProperties(Duration.ofMinutes(30), Duration.ofMillis(500), RETENTION, Duration.ofMinutes(10)));

		purge.purge();

		assertThat(jdbc.sql("SELECT id FROM desk_audit").query(String.class).list()).containsExactly("a-recent");
		assertThat(jdbc.sql("SELECT open_id FROM desk_read").query(String.class).list()).containsExactly("o-recent");
	}

	private static void audit(JdbcClient jdbc, String id, Instant at) {
		jdbc.sql("INSERT INTO desk_audit (id, app_id, open_id, actor, action, detail, acted_at) "
				+ "VALUES (?, 'wx-app', 'o-user', 'agent', 'CLAIM', NULL, ?)")
			.params(id, at.toEpochMilli())
			.update();
	}

	private static void read(JdbcClient jdbc, String openId, Instant at) {
		jdbc.sql("INSERT INTO desk_read (app_id, open_id, username, read_at) VALUES ('wx-app', ?, 'agent', ?)")
			.params(openId, at.toEpochMilli())
			.update();
	}

}
