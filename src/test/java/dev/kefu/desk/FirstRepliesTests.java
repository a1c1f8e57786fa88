package dev.kefu.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.kefu.desk.FirstReplies.Event;
import dev.kefu.desk.FirstReplies.Wait;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FirstRepliesTests {

	private static final Instant T0 = Instant.parse("2026-03-04T02:00:00Z");

	@Test
	void aWaitRunsFromTheFirstUnansweredMessageToTheNextReplyByHand() {
		List<Event> events = List.of(message("o-1", 0), message("o-1", 30), reply("o-1", 90, "a"),
				reply("o-1", 100, "a"), message("o-1", 200), reply("o-1", 210, "b"));

		assertThat(FirstReplies.waits(events, T0)).containsExactly(new Wait("o-1", "a", at(90), Duration.ofSeconds(90)),
				new Wait("o-1", "b", at(210), Duration.ofSeconds(10)));
	}

	@Test
	void countsOnlyWaitsThatEndInThePeriodButBeganBeforeIt() {
		List<Event> events = List.of(message("o-1", 0), reply("o-1", 50, "a"), message("o-2", 60),
				reply("o-2", 150, "a"));

		assertThat(FirstReplies.waits(events, at(100)))
			.containsExactly(new Wait("o-2", "a", at(150), Duration.ofSeconds(90)));
	}

	@Test
	void aReplyAtTheMomentOfTheMessageAnswersIt() {
		assertThat(FirstReplies.waits(List.of(reply("o-1", 5, "a"), message("o-1", 5)), T0))
			.containsExactly(new Wait("o-1", "a", at(5), Duration.ZERO));
	}

	@Test
	void aWaitLongerThanTheWindowEndsUnanswered() {
		long window = FirstReplies.WINDOW.toSeconds();
		List<Event> events = List.of(message("o-1", 0), reply("o-1", window + 1, "a"));

		assertThat(FirstReplies.waits(events, T0)).isEmpty();
	}

	@Test
	void aUserWaitsUntilAReplyByHandAtOrAfterTheirLastMessage() {
		assertThat(FirstReplies.stillWaits(at(30), null)).as("never answered").isTrue();
		assertThat(FirstReplies.stillWaits(at(30), at(20))).as("wrote again after the reply").isTrue();
		assertThat(FirstReplies.stillWaits(at(30), at(30))).as("a reply of the same moment").isFalse();
		assertThat(FirstReplies.stillWaits(at(30), at(40))).isFalse();
	}

	@Test
	void takesPercentilesByNearestRank() {
		List<Duration> waits = List.of(seconds(5), seconds(1), seconds(3), seconds(2), seconds(4), seconds(6),
				seconds(7), seconds(8), seconds(9), seconds(10));

		assertThat(FirstReplies.percentile(waits, 50)).isEqualTo(seconds(5));
		assertThat(FirstReplies.percentile(waits, 90)).isEqualTo(seconds(9));
		assertThat(FirstReplies.percentile(List.of(seconds(4)), 90)).isEqualTo(seconds(4));
		assertThat(FirstReplies.percentile(List.of(), 50)).isNull();
	}

	private static Event message(String openId, long second) {
		return new Event(openId, at(second), null);
	}

	private static Event reply(String openId, long second, String agent) {
		return new Event(openId, at(second), agent);
	}

	private static Instant at(long second) {
		return T0.plusSeconds(second);
	}

	private static Duration seconds(long seconds) {
		return Duration.ofSeconds(seconds);
	}

}
