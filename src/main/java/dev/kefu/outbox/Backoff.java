package dev.kefu.outbox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after the n-th failed attempt the delay is
 * {@code firstRetry * 2^(n-1)}, capped at {@code maxRetryDelay}, then drawn uniformly
 * between half of it and all of it.
 */
final class Backoff {

	private final Duration firstRetry;

	private final Duration maxRetryDelay;

	private final RandomGenerator random;

	Backoff(Duration firstRetry, Duration maxRetryDelay, RandomGenerator random) {
		this.firstRetry = firstRetry;
		this.maxRetryDelay = maxRetryDelay;
		this.random = random;
	}

	/** The delay after {@code failedAttempts} (at least 1) attempts failed. */
	Duration after(int failedAttempts) {
		long capMillis = this.maxRetryDelay.toMillis();
		long delay = this.firstRetry.toMillis();
		for (int i = 1; i < failedAttempts && delay < capMillis; i++) {
			delay *= 2;
		}
		delay = Math.min(delay, capMillis);
		long half = delay / 2;
		return Duration.ofMillis(half + this.random.nextLong(delay - half + 1));
	}

}
