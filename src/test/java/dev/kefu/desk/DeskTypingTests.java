package dev.kefu.desk;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The typing throttle: at most one typing state per user within WeChat's 15 s. */
class DeskTypingTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void passesOncePerUserWithinThePeriod() {
		DeskTyping.Throttle throttle = new DeskTyping.Throttle(Duration.ofSeconds(15));
		assertThat(throttle.pass("app\nuser", T0)).isTrue();
		assertThat(throttle.pass("app\nuser", T0.plusSeconds(14))).isFalse();
		assertThat(throttle.pass("app\nother", T0.plusSeconds(14))).as("another user").isTrue();
		assertThat(throttle.pass("app\nuser", T0.plusSeconds(15))).as("the state is over").isTrue();
		assertThat(throttle.pass("app\nuser", T0.plusSeconds(16))).isFalse();
	}

	@Test
	void passesAgainOnceAReplyEndedTheState() {
		DeskTyping.Throttle throttle = new DeskTyping.Throttle(Duration.ofSeconds(15));
		assertThat(throttle.pass("app\nuser", T0)).isTrue();
		throttle.forget("app\nuser");
		assertThat(throttle.pass("app\nuser", T0.plusSeconds(1))).isTrue();
	}

}
