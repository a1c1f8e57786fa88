package dev.kefu.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import dev.kefu.TestDatabases;
import dev.kefu.inbox.MessageReceived;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-over hold on every database kefu supports: started by a transfer, moved on by
 * each message, ended by entering the chat.
 */
class TransferHoldsOnDatabasesIntegrationTests {

	private static final Instant T = Instant.parse("2026-03-04T02:00:00Z");

	private static final Duration HOLD = Duration.ofMinutes(30);

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void holdsFromTheTransferUntilThirtyMinutesAfterTheLastMessage(Supplier<String> url, String user, String vendor) {
		TransferHolds holds = holds(url, user, vendor);

		assertThat(holds.holds(text("o-amy", T, true))).as("the transfer's own replies are sent").isFalse();
		assertThat(holds.holds(text("o-amy", T.plus(Duration.ofMinutes(20)), false))).isTrue();
		assertThat(holds.holds(text("o-amy", T.plus(Duration.ofMinutes(49)), false))).isTrue();
		assertThat(holds.holds(text("o-amy", T.plus(Duration.ofMinutes(79)), false))).as("30 min after the last")
			.isFalse();
		assertThat(holds.holds(text("o-bob", T.plus(Duration.ofMinutes(20)), false))).as("another user").isFalse();
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void entersTheChatToEndTheHoldAndTransfersToStartAnother(Supplier<String> url, String user, String vendor) {
		TransferHolds holds = holds(url, user, vendor);
		holds.holds(text("o-cai", T, true));

		holds.holds(new MessageReceived("m-enter", "wx-app", "o-cai", "event", "user_enter_tempsession", null, null,
				T.plusSeconds(60), false));

		assertThat(holds.holds(text("o-cai", T.plusSeconds(61), false))).isFalse();
		assertThat(holds.holds(text("o-cai", T.plusSeconds(62), true))).isFalse();
		assertThat(holds.holds(text("o-cai", T.plusSeconds(63), false))).isTrue();
		// a transfer after a hold that ended starts a new one
		assertThat(holds.holds(text("o-cai", T.plus(Duration.ofHours(2)), true))).isFalse();
		assertThat(holds.holds(text("o-cai", T.plus(Duration.ofHours(2)).plusSeconds(1), false))).isTrue();
	}

	private static TransferHolds holds(Supplier<String> url, String user, String vendor) {
		JdbcClient jdbc = JdbcClient.create(TestDatabases.migrated(url, user, vendor));
		return new TransferHolds(jdbc, new RulesProperties(Duration.ofSeconds(1), HOLD, Duration.ofMinutes(30)));
	}

	private static MessageReceived text(String openId, Instant at, boolean transferred) {
		return new MessageReceived("m-" + at.toEpochMilli(), "wx-app", openId, "text", null, "hi", null, at,
				transferred);
	}

}
