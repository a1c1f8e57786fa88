package dev.kefu.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import dev.kefu.MutableClock;
import dev.kefu.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds (an agent's claim on a conversation) on every database kefu supports, as two
 * instances share them.
 */
class HoldsOnDatabasesIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

	private static final Instant UNTIL = NOW.plus(Duration.ofMinutes(30));

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void givesAConversationToOneHolderAtATimeAcrossInstances(Supplier<String> url, String user, String vendor) {
		JdbcClient jdbc = JdbcClient.create(TestDatabases.migrated(url, user, vendor));
		MutableClock clock = new MutableClock(NOW);
		Holds one = new Holds(jdbc, clock);
		Holds other = new Holds(jdbc, clock);

		assertThat(one.take("wx-app", "o-user", "agent-a", UNTIL)).isTrue();
		assertThat(other.take("wx-app", "o-user", "agent-b", UNTIL)).isFalse();
		assertThat(other.take("wx-app", "o-user", "agent-a", UNTIL.plusSeconds(60))).as("the holder extends it")
			.isTrue();
		assertThat(other.find("wx-app", "o-user")).hasValueSatisfying((hold) -> {
			assertThat(hold.holder()).isEqualTo("agent-a");
			assertThat(hold.until()).isEqualTo(UNTIL.plusSeconds(60));
		});
		assertThat(other.release("wx-app", "o-user", "agent-b")).as("only the holder releases").isFalse();

		assertThat(one.release("wx-app", "o-user", "agent-a")).isTrue();
		assertThat(other.take("wx-app", "o-user", "agent-b", UNTIL)).isTrue();
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void queuesAUserForAnyAgentToTakeOverButNeverOverAnAgentsHold(Supplier<String> url, String user, String vendor) {
		JdbcClient jdbc = JdbcClient.create(TestDatabases.migrated(url, user, vendor));
		MutableClock clock = new MutableClock(NOW);
		Holds holds = new Holds(jdbc, clock);

		holds.queue("wx-app", "o-queued", UNTIL);
		holds.queue("wx-app", "o-queued", UNTIL.plusSeconds(60));

		assertThat(holds.find("wx-app", "o-queued")).hasValueSatisfying((hold) -> {
			assertThat(hold.queued()).isTrue();
			assertThat(hold.until()).isEqualTo(UNTIL.plusSeconds(60));
		});
		assertThat(holds.silences("wx-app", "o-queued", NOW, false)).isTrue();
		assertThat(holds.take("wx-app", "o-queued", "agent-a", UNTIL)).as("an agent takes the queued user").isTrue();

		holds.queue("wx-app", "o-queued", UNTIL.plusSeconds(120));

		assertThat(holds.find("wx-app", "o-queued")).hasValueSatisfying((hold) -> {
			assertThat(hold.holder()).isEqualTo("agent-a");
			assertThat(hold.until()).isEqualTo(UNTIL);
		});
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void letsAnotherTakeAHoldThatLapsed(Supplier<String> url, String user, String vendor) {
		JdbcClient jdbc = JdbcClient.create(TestDatabases.migrated(url, user, vendor));
		MutableClock clock = new MutableClock(NOW);
		Holds holds = new Holds(jdbc, clock);
		holds.take("wx-app", "o-user", "agent-a", UNTIL);

		clock.set(UNTIL);

		assertThat(holds.find("wx-app", "o-user")).isEmpty();
		assertThat(holds.take("wx-app", "o-user", "agent-b", UNTIL.plusSeconds(60))).isTrue();
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void silencesTheRulesForAHeldUserOnEveryInstanceOnceItReloads(Supplier<String> url, String user, String vendor) {
		JdbcClient jdbc = JdbcClient.create(TestDatabases.migrated(url, user, vendor));
		MutableClock clock = new MutableClock(NOW);
		Holds one = new Holds(jdbc, clock);
		Holds other = new Holds(jdbc, clock);

		one.take("wx-app", "o-user", "agent-a", UNTIL);

		assertThat(one.silences("wx-app", "o-user", NOW)).as("at once where it was taken").isTrue();
		assertThat(other.silences("wx-app", "o-user", NOW)).as("elsewhere, before the reload").isFalse();
		other.reload();
		assertThat(other.silences("wx-app", "o-user", NOW)).isTrue();
		assertThat(other.silences("wx-app", "o-someone-else", NOW)).isFalse();
		assertThat(other.silences("wx-app", "o-user", UNTIL)).as("not once it lapsed").isFalse();

		one.release("wx-app", "o-user", "agent-a");
		other.reload();
		assertThat(other.silences("wx-app", "o-user", NOW)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void keepsWelcomeRepliesForHeldUsersOnlyWhereTheAppSaysSoOnEveryInstanceOnceItReloads(Supplier<String> url,
			String user, String vendor) {
		JdbcClient jdbc = JdbcClient.create(TestDatabases.migrated(url, user, vendor));
		MutableClock clock = new MutableClock(NOW);
		Holds one = new Holds(jdbc, clock);
		Holds other = new Holds(jdbc, clock);
		one.take("wx-app", "o-user", "agent-a", UNTIL);
		other.reload();
		assertThat(one.welcomesWhenHeld("wx-app")).as("by default").isTrue();
		assertThat(other.silences("wx-app", "o-user", NOW, true)).as("welcome, by default").isFalse();
		assertThat(other.silences("wx-app", "o-user", NOW, false)).isTrue();

		one.welcomeWhenHeld("wx-app", false);

		assertThat(one.silences("wx-app", "o-user", NOW, true)).as("at once where it was set").isTrue();
		assertThat(other.silences("wx-app", "o-user", NOW, true)).as("elsewhere, before the reload").isFalse();
		other.reload();
		assertThat(other.welcomesWhenHeld("wx-app")).isFalse();
		assertThat(other.silences("wx-app", "o-user", NOW, true)).isTrue();
		assertThat(other.silences("wx-app", "o-someone-else", NOW, true)).as("a user nobody holds").isFalse();
		assertThat(other.welcomesWhenHeld("wx-other-app")).as("another app").isTrue();

		other.welcomeWhenHeld("wx-app", true);
		one.reload();
		assertThat(one.silences("wx-app", "o-user", NOW, true)).isFalse();
	}

}
