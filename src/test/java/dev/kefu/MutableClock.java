package dev.kefu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests can set and move; starts at the real time. */
public final class MutableClock extends Clock {

	private volatile Instant now = Instant.now();

	public void set(Instant instant) {
		this.now = instant;
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	public void reset() {
		this.now = Instant.now();
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("a mutable clock is always UTC");
	}

}
