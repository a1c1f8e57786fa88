package dev.kefu;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers that sort by the time they were made: 48 bits of epoch milliseconds, then
 * 74 random bits, written as a UUID (the layout of a version 7 UUID). Rows keyed by them
 * (the inbox record, the rules' decision, the deliveries) are appended at the end of
 * their index instead of landing on a random page, which on the embedded database means
 * one page written per batch of pushes rather than one per push.
 */
public final class TimeOrderedIds {

	private TimeOrderedIds() {
	}

	/** A new id for something made at {@code at}. */
	public static String next(Instant at) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long millis = at.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
		long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
		long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

}
