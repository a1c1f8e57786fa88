package dev.kefu.outbox;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new SplittableRandom(42));

	@Test
	void firstRetryComesWithinTwoSeconds() {
		for (int i = 0; i < 1000; i++) {
			assertThat(this.backoff.after(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		}
	}

	@Test
	void delaysDoubleWithJitterDownToHalf() {
		for (int i = 0; i < 1000; i++) {
			assertThat(this.backoff.after(2)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
			assertThat(this.backoff.after(4)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
		}
	}

	@Test
	void delaysAreCappedAtOneMinute() {
		for (int i = 0; i < 1000; i++) {
			assertThat(this.backoff.after(8)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
			assertThat(this.backoff.after(Integer.MAX_VALUE)).isLessThanOrEqualTo(Duration.ofMinutes(1));
		}
	}

	@Test
	void jitterSpreadsRetries() {
		Backoff spread = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1),
				RandomGenerator.of("L64X128MixRandom"));
		assertThat(java.util.stream.IntStream.range(0, 50).mapToObj((i) -> spread.after(3)).distinct().count())
			.isGreaterThan(10);
	}

}
