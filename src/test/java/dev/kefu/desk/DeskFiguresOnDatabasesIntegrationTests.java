package dev.kefu.desk;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.kefu.MutableClock;
import dev.kefu.TestDatabases;
import dev.kefu.inbox.ConversationHistory;
import dev.kefu.outbox.HandReplies;
import dev.kefu.rules.Holds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.BeanUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desk's figures on every database kefu supports, for a day of known waits, replies,
 * claims and holds.
 */
class DeskFiguresOnDatabasesIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

	private static final Instant FROM = NOW.minus(Duration.ofDays(1));

	private static final Instant TO = NOW.plusMillis(1);

	private static final String APP = "wx-app";

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void countsHandedWaitingFirstReplyTimesAndRepliesPerAppAndAgent(Supplier<String> url, String user, String vendor) {
		DataSource dataSource = TestDatabases.migrated(url, user, vendor);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		MutableClock clock = new MutableClock(NOW);
		// a wait that began before the period and ended in it counts: 3 h
		message(jdbc, "o-a", FROM.minus(hours(2)));
		audit(jdbc, "bob", "o-a", "CLAIM", FROM.plus(minutes(30)));
		reply(jdbc, "o-a", "alice", FROM.plus(hours(1)), "SENT");
		// 2 h from the first of two messages; a failed reply is not counted; the user
		// wrote again since and waits now
		message(jdbc, "o-b", ago(hours(10)));
		audit(jdbc, "alice", "o-b", "CLAIM", ago(hours(10)));
		message(jdbc, "o-b", ago(hours(9)));
		reply(jdbc, "o-b", "alice", ago(hours(8)), "SENT");
		reply(jdbc, "o-b", "alice", ago(minutes(450)), "FAILED");
		message(jdbc, "o-b", ago(minutes(30)));
		// 10 min; 1 h, then only an event, which does not make the user wait
		message(jdbc, "o-g", ago(hours(12)));
		reply(jdbc, "o-g", "alice", ago(minutes(710)), "SENT");
		message(jdbc, "o-c", ago(hours(6)));
		audit(jdbc, "bob", "o-c", "CLAIM", ago(hours(6)));
		reply(jdbc, "o-c", "bob", ago(hours(5)), "SENT");
		event(jdbc, "o-c", ago(minutes(10)));
		// answered at the moment the message came: no wait
		message(jdbc, "o-d", ago(hours(3)));
		reply(jdbc, "o-d", "bob", ago(hours(3)), "SENT");
		// longer than the window: ends unanswered, the reply still counts
		message(jdbc, "o-e", ago(hours(60)));
		reply(jdbc, "o-e", "alice", ago(hours(11)), "SENT");
		// answered before the period: neither the wait, the reply nor the user counts
		message(jdbc, "o-f", ago(hours(30)));
		reply(jdbc, "o-f", "bob", ago(hours(29)), "SENT");
		// waiting now: never answered (a rule's reply is not an agent's), queued for an
		// agent, held by an agent whose hold lapsed, written exactly 48 h ago
		message(jdbc, "o-w", ago(hours(1)));
		rulesReply(jdbc, "o-w", ago(minutes(59)));
		message(jdbc, "o-queued", ago(minutes(15)));
		hold(jdbc, "o-queued", Holds.QUEUE, NOW.plus(minutes(30)));
		message(jdbc, "o-lapsed", ago(minutes(25)));
		hold(jdbc, "o-lapsed", "bob", NOW.minus(minutes(1)));
		message(jdbc, "o-edge", ago(FirstReplies.WINDOW));
		// not waiting: held by an agent now, written too long ago, another app's user
		message(jdbc, "o-held", ago(minutes(20)));
		audit(jdbc, "alice", "o-held", "CLAIM", ago(minutes(20)));
		audit(jdbc, "alice", "o-held", "RELEASE", ago(minutes(19)));
		audit(jdbc, "alice", "o-held", "CLAIM", ago(minutes(18)));
		hold(jdbc, "o-held", "alice", NOW.plus(minutes(30)));
		message(jdbc, "o-old", ago(FirstReplies.WINDOW).minusMillis(1));
		insertMessage(jdbc, "wx-other", "o-w", ago(hours(1)), "text");

		DeskFigures.Report report = figures(dataSource, clock).report(APP, FROM, TO);

		assertThat(report.waiting()).isEqualTo(5);
		assertThat(report.app()).isEqualTo(new DeskFigures.Figures(7, hours(1), hours(3), 6));
		assertThat(report.agents()).containsOnlyKeys("alice", "bob");
		assertThat(report.agents().get("alice")).isEqualTo(new DeskFigures.Figures(5, hours(2), hours(3), 4));
		assertThat(report.agents().get("bob")).isEqualTo(new DeskFigures.Figures(3, Duration.ZERO, hours(1), 2));
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void readsTheMessagesOfMoreAnsweredUsersThanOneQueryAsksFor(Supplier<String> url, String user, String vendor) {
		DataSource dataSource = TestDatabases.migrated(url, user, vendor);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		int users = 1201;
		// user i waits i seconds, and is answered within the last 48 hours
		for (int i = 1; i <= users; i++) {
			message(jdbc, "o-" + i, ago(hours(2)));
			reply(jdbc, "o-" + i, "alice", ago(hours(2)).plusSeconds(i), "SENT");
		}

		DeskFigures.Report report = figures(dataSource, new MutableClock(NOW)).report(APP, FROM, TO);

		assertThat(report.waiting()).isZero();
		assertThat(report.app())
			.isEqualTo(new DeskFigures.Figures(users, Duration.ofSeconds(601), Duration.ofSeconds(1081), users));
	}

	/**
	 * The readers of the other modules, made as Spring makes them; the figures only read.
	 */
	private static DeskFigures figures(DataSource dataSource, MutableClock clock) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		ConversationHistory conversations = construct(ConversationHistory.class, jdbc, dataSource);
		HandReplies replies = construct(HandReplies.class, null, null, null, jdbc, clock, null);
		Holds holds = construct(Holds.class, jdbc, clock);
		return new DeskFigures(jdbc, conversations, replies, holds, clock);
	}

	@SuppressWarnings("unchecked")
	private static <T> T construct(Class<T> type, Object... args) {
		return BeanUtils.instantiateClass((Constructor<T>) type.getDeclaredConstructors()[0], args);
	}

	private static void message(JdbcClient jdbc, String openId, Instant at) {
		insertMessage(jdbc, APP, openId, at, "text");
	}

	private static void event(JdbcClient jdbc, String openId, Instant at) {
		insertMessage(jdbc, APP, openId, at, "event");
	}

	private static void insertMessage(JdbcClient jdbc, String appId, String openId, Instant at, String msgType) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("INSERT INTO inbox_message (id, app_id, dedupe_key, msg_id, open_id, msg_type, event_type, content, "
				+ "session_from, created_at, received_at, transferred) VALUES (?, ?, ?, ?, ?, ?, ?, 'hi', NULL, ?, ?, ?)")
			.params(id, appId, id, id, openId, msgType, msgType.equals("event") ? "user_enter_tempsession" : null,
					at.getEpochSecond(), at.toEpochMilli(), false)
			.update();
	}

	/** A reply by hand and its audit entry. */
	private static void reply(JdbcClient jdbc, String openId, String agent, Instant at, String status) {
		delivery(jdbc, openId, agent, at, status);
		audit(jdbc, agent, openId, "REPLY", at);
	}

	private static void rulesReply(JdbcClient jdbc, String openId, Instant at) {
		delivery(jdbc, openId, null, at, "SENT");
	}

	private static void delivery(JdbcClient jdbc, String openId, String sentBy, Instant at, String status) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("INSERT INTO outbox_delivery (id, app_id, open_id, message_id, part_index, rule_id, reply_type, "
				+ "reply_json, status, attempts, received_at, deadline_at, created_at, updated_at, sent_by) "
				+ "VALUES (?, ?, ?, ?, 0, NULL, 'text', '{}', ?, 1, ?, ?, ?, ?, ?)")
			.params(id, APP, openId, id, status, at.toEpochMilli(), at.plus(FirstReplies.WINDOW).toEpochMilli(),
					at.toEpochMilli(), at.toEpochMilli(), sentBy)
			.update();
	}

	private static void audit(JdbcClient jdbc, String actor, String openId, String action, Instant at) {
		jdbc.sql("INSERT INTO desk_audit (id, app_id, open_id, actor, action, detail, acted_at) "
				+ "VALUES (?, ?, ?, ?, ?, NULL, ?)")
			.params(UUID.randomUUID().toString(), APP, openId, actor, action, at.toEpochMilli())
			.update();
	}

	private static void hold(JdbcClient jdbc, String openId, String holder, Instant until) {
		jdbc.sql("INSERT INTO rules_hold (app_id, open_id, holder, held_until, updated_at) VALUES (?, ?, ?, ?, ?)")
			.params(APP, openId, holder, until.toEpochMilli(), NOW.toEpochMilli())
			.update();
	}

	private static Instant ago(Duration duration) {
		return NOW.minus(duration);
	}

	private static Duration hours(long hours) {
		return Duration.ofHours(hours);
	}

	private static Duration minutes(long minutes) {
		return Duration.ofMinutes(minutes);
	}

}
