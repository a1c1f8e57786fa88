package dev.kefu.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's notion of "now": the application's clock plus an offset that only grows,
 * so the fault controls can skip forward (e.g. 49 hours to watch the reply window close)
 * without touching the clock the rest of kefu uses.
 * <p>
 * Deliberately not a {@link Clock} bean, so it never competes with the application's
 * clock.
 */
final class EmulatorTime {

	private final Clock base;

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	EmulatorTime(Clock base) {
		this.base = base;
	}

	Instant now() {
		return this.base.instant().plus(this.offset.get());
	}

	/**
	 * The real time, without the skipped offset: push timestamps use it, because the
	 * receiving server checks them against its own clock.
	 */
	Instant wallClock() {
		return this.base.instant();
	}

	/** Moves the emulator's time forward; a negative or zero duration is refused. */
	void skip(Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("time only skips forward");
		}
		this.offset.accumulateAndGet(duration, Duration::plus);
	}

	Duration offset() {
		return this.offset.get();
	}

}
