package dev.kefu.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

import dev.kefu.MutableClock;
import dev.kefu.TestDatabases;
import dev.kefu.rules.AgentPresence.Availability;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether agents are there (an app's desk hours and its agents online) on every database
 * kefu supports, as two instances share them.
 */
class AgentPresenceOnDatabasesIntegrationTests {

	/** A Wednesday, 10:00 in Shanghai. */
	private static final Instant WEDNESDAY_10 = Instant.parse("2026-03-04T02:00:00Z");

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void agentsAreThereOnlyOnlineAndWithinTheDeskHoursOnEveryInstance(Supplier<String> url, String user,
			String vendor) {
		JdbcClient jdbc = JdbcClient.create(TestDatabases.migrated(url, user, vendor));
		MutableClock clock = new MutableClock(WEDNESDAY_10);
		AgentPresence one = new AgentPresence(jdbc, clock);
		AgentPresence other = new AgentPresence(jdbc, clock);

		assertThat(other.availability("wx-app", WEDNESDAY_10, SHANGHAI)).as("nobody at the desk")
			.isEqualTo(Availability.NO_AGENT_ONLINE);
		one.seen("wx-app");
		assertThat(other.availability("wx-app", WEDNESDAY_10, SHANGHAI)).as("any hour, an agent online")
			.isEqualTo(Availability.AVAILABLE);

		one.hours("wx-app", new BusinessHours(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(18, 0)), "operator");

		assertThat(other.hours("wx-app"))
			.hasValue(new BusinessHours(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(18, 0)));
		assertThat(other.availability("wx-app", WEDNESDAY_10, SHANGHAI)).isEqualTo(Availability.AVAILABLE);
		assertThat(other.availability("wx-app", WEDNESDAY_10.plus(Duration.ofHours(9)), SHANGHAI))
			.as("Wednesday 19:00, an agent online all the same")
			.isEqualTo(Availability.OUTSIDE_HOURS);
		assertThat(other.availability("wx-app", WEDNESDAY_10.plus(Duration.ofDays(3)), SHANGHAI)).as("Saturday 10:00")
			.isEqualTo(Availability.OUTSIDE_HOURS);
		assertThat(other.availability("wx-app", WEDNESDAY_10, ZoneId.of("UTC"))).as("02:00 in the app's zone")
			.isEqualTo(Availability.OUTSIDE_HOURS);
		assertThat(other.availability("wx-other-app", WEDNESDAY_10.plus(Duration.ofHours(9)), SHANGHAI))
			.as("another app")
			.isEqualTo(Availability.NO_AGENT_ONLINE);

		// replaced, over midnight: Wednesday 22:00 until Thursday 02:00
		other.hours("wx-app", new BusinessHours(Set.of(DayOfWeek.WEDNESDAY), LocalTime.of(22, 0), LocalTime.of(2, 0)),
				"operator");
		clock.advance(Duration.ofHours(15));
		one.seen("wx-app");
		assertThat(one.availability("wx-app", clock.instant(), SHANGHAI)).as("Thursday 01:00")
			.isEqualTo(Availability.AVAILABLE);
		assertThat(one.withinHours("wx-app", SHANGHAI)).isTrue();

		clock.advance(AgentPresence.ONLINE.plusSeconds(1));
		assertThat(one.availability("wx-app", clock.instant(), SHANGHAI)).as("the desk closed 31 s ago")
			.isEqualTo(Availability.NO_AGENT_ONLINE);

		one.hours("wx-app", null, "operator");
		assertThat(other.hours("wx-app")).isEmpty();
		assertThat(other.withinHours("wx-app", SHANGHAI)).isTrue();
	}

}
