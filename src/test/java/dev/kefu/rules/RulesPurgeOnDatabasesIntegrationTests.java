package dev.kefu.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.kefu.MutableClock;
import dev.kefu.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules' retention purge on every database kefu supports. */
class RulesPurgeOnDatabasesIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

	private static final Duration RETENTION = Duration.ofHours(1);

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void deletesDecisionsPastTheRetentionAndKeepsRecentOnes(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		JdbcClient jdbc = database.jdbc();
		decision(jdbc, "m-old", NOW.minus(Duration.ofDays(31)));
		decision(jdbc, "m-just-past", NOW.minus(RETENTION).minusMillis(1));
		decision(jdbc, "m-within", NOW.minus(RETENTION).plusSeconds(1));
		decision(jdbc, "m-now", NOW);

		database.purge().purge();

		assertThat(jdbc.sql("SELECT message_id FROM rules_decision").query(String.class).list())
			.containsExactlyInAnyOrder("m-within", "m-now");
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void keepsCooldownMarksPastTheRetentionForTheDefaultWelcomePeriod(Supplier<String> url, String user,
			String vendor) {
		Database database = migrate(url, user, vendor);
		JdbcClient jdbc = database.jdbc();
		firing(jdbc, "o-2h", Trigger.WELCOME, NOW.minus(Duration.ofHours(2)));
		firing(jdbc, "o-23h", Trigger.DEFAULT, NOW.minus(Duration.ofHours(23)));
		firing(jdbc, "o-25h", Trigger.WELCOME, NOW.minus(Duration.ofHours(25)));
		firing(jdbc, "o-31d", Trigger.DEFAULT, NOW.minus(Duration.ofDays(31)));

		database.purge().purge();

		assertThat(firedUsers(jdbc)).containsExactlyInAnyOrder("o-2h", "o-23h");
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void keepsCooldownMarksWhileTheLongestRuleCooldownLasts(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		JdbcClient jdbc = database.jdbc();
		rule(jdbc, "r-short", Trigger.DEFAULT, Duration.ofMinutes(5), true);
		rule(jdbc, "r-long", Trigger.WELCOME, Duration.ofHours(72), false);
		firing(jdbc, "o-48h", Trigger.DEFAULT, NOW.minus(Duration.ofHours(48)));
		firing(jdbc, "o-71h", Trigger.WELCOME, NOW.minus(Duration.ofHours(71)));
		firing(jdbc, "o-73h", Trigger.WELCOME, NOW.minus(Duration.ofHours(73)));

		database.purge().purge();

		// the longest cooldown counts even while its rule is disabled: it may be enabled
		// again
		assertThat(firedUsers(jdbc)).containsExactlyInAnyOrder("o-48h", "o-71h");
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void deletesHandOverHoldsThatEndedAndKeepsTheOthers(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		JdbcClient jdbc = database.jdbc();
		hold(jdbc, "o-ended", NOW.minusMillis(1));
		hold(jdbc, "o-held", NOW.plus(Duration.ofMinutes(5)));

		database.purge().purge();

		assertThat(jdbc.sql("SELECT open_id FROM rules_transfer_hold").query(String.class).list())
			.containsExactly("o-held");
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void deletesAgentHoldsThatLapsedAndKeepsCurrentOnes(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		JdbcClient jdbc = database.jdbc();
		agentHold(jdbc, "o-lapsed", NOW.minusMillis(1));
		agentHold(jdbc, "o-held", NOW.plus(Duration.ofMinutes(5)));

		database.purge().purge();

		assertThat(jdbc.sql("SELECT open_id FROM rules_hold").query(String.class).list()).containsExactly("o-held");
	}

	private record Database(JdbcClient jdbc, RulesPurge purge) {
	}

	private static Database migrate(Supplier<String> url, String user, String vendor) {
		DriverManagerDataSource dataSource = TestDatabases.migrated(url, user, vendor);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		return new Database(jdbc, new RulesPurge(jdbc, new JdbcTransactionManager(dataSource), new MutableClock(NOW),
				new RulesRetentionProperties(RETENTION, Duration.ofMinutes(10))));
	}

	private static void decision(JdbcClient jdbc, String messageId, Instant decidedAt) {
		jdbc.sql("INSERT INTO rules_decision (message_id, app_id, open_id, outcome, rule_id, decided_at) "
				+ "VALUES (?, 'wx-app', 'o-user', 'NO_RULE', NULL, ?)")
			.params(messageId, decidedAt.toEpochMilli())
			.update();
	}

	private static void firing(JdbcClient jdbc, String openId, Trigger trigger, Instant lastAt) {
		jdbc.sql("INSERT INTO rules_firing (app_id, open_id, trigger_kind, last_at) VALUES ('wx-app', ?, ?, ?)")
			.params(openId, trigger.name(), lastAt.toEpochMilli())
			.update();
	}

	private static void rule(JdbcClient jdbc, String id, Trigger trigger, Duration cooldown, boolean enabled) {
		jdbc.sql("INSERT INTO rules_rule (id, app_id, name, trigger_kind, priority, enabled, reply_mode, replies, "
				+ "cooldown_ms, version, created_at, updated_at) VALUES (?, 'wx-app', ?, ?, 0, ?, 'ALL', "
				+ "'[{\"type\":\"text\",\"content\":\"hi\"}]', ?, 1, ?, ?)")
			.params(id, id, trigger.name(), enabled, cooldown.toMillis(), NOW.toEpochMilli(), NOW.toEpochMilli())
			.update();
	}

	private static void hold(JdbcClient jdbc, String openId, Instant until) {
		jdbc.sql("INSERT INTO rules_transfer_hold (app_id, open_id, held_until) VALUES ('wx-app', ?, ?)")
			.params(openId, until.toEpochMilli())
			.update();
	}

	private static void agentHold(JdbcClient jdbc, String openId, Instant until) {
		jdbc.sql(
				"INSERT INTO rules_hold (app_id, open_id, holder, held_until, updated_at) VALUES ('wx-app', ?, 'agent', ?, ?)")
			.params(openId, until.toEpochMilli(), NOW.toEpochMilli())
			.update();
	}

	private static List<String> firedUsers(JdbcClient jdbc) {
		return jdbc.sql("SELECT open_id FROM rules_firing").query(String.class).list();
	}

}
