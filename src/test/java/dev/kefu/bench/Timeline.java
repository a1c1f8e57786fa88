package dev.kefu.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What happened to each push of a run, by the push's index: when it was due to be sent (its
 * send time), when it was written to the socket, when kefu answered it (or that it failed), and
 * when the fake WeChat API received its reply. Times are
 * nanoseconds since the timeline was created (so never 0 or negative); 0 means "not yet".
 * Thread-safe: each slot is written by one sender and read by anyone.
 */
final class Timeline {

	private static final long FAILED = -1;

	private final long origin = System.nanoTime() - 1;

	private final AtomicLongArray sentAt;

	private final AtomicLongArray writtenAt;

	private final AtomicLongArray ackedAt;

	private final AtomicLongArray repliedAt;

	private final AtomicInteger duplicateReplies = new AtomicInteger();

	Timeline(int capacity) {
		this.sentAt = new AtomicLongArray(capacity);
		this.writtenAt = new AtomicLongArray(capacity);
		this.ackedAt = new AtomicLongArray(capacity);
		this.repliedAt = new AtomicLongArray(capacity);
	}

	int capacity() {
		return this.sentAt.length();
	}

	/** Now, on this timeline's clock. */
	long now() {
		return System.nanoTime() - this.origin;
	}

	void sent(int push, long at) {
		this.sentAt.set(push, at);
	}

	/** The push's request is about to be written to its connection. */
	void writing(int push) {
		this.writtenAt.set(push, now());
	}

	/** kefu answered the push: {@code success} with HTTP 200, or anything else ({@code acked} false). */
	void answered(int push, boolean acked) {
		this.ackedAt.set(push, acked ? now() : FAILED);
	}

	/** The fake WeChat API received a send to the push's user; a second one is counted as a duplicate. */
	void replied(int push) {
		if (push < 0 || push >= capacity() || !this.repliedAt.compareAndSet(push, 0, now())) {
			this.duplicateReplies.incrementAndGet();
		}
	}

	int duplicateReplies() {
		return this.duplicateReplies.get();
	}

	/** Acknowledged pushes (of every period) whose reply has not arrived. */
	int unanswered(int pushes) {
		int unanswered = 0;
		for (int i = 0; i < pushes; i++) {
			if (this.ackedAt.get(i) > 0 && this.repliedAt.get(i) == 0) {
				unanswered++;
			}
		}
		return unanswered;
	}

	/** Replies of any push that arrived in {@code [from, to)}: the work kefu finished in that time. */
	int repliesArrivedIn(int pushes, long from, long to) {
		int count = 0;
		for (int i = 0; i < pushes; i++) {
			long at = this.repliedAt.get(i);
			if (at >= from && at < to) {
				count++;
			}
		}
		return count;
	}

	/** What happened to the pushes sent in {@code [from, to)}. */
	Period period(int pushes, long from, long to) {
		int sent = 0;
		int acks = 0;
		int errors = 0;
		int repliedInPeriod = 0;
		int repliedByNow = 0;
		long[] ackLatencies = new long[pushes];
		long[] answerTimes = new long[pushes];
		long[] sendLags = new long[pushes];
		long[] replyLatencies = new long[pushes];
		for (int i = 0; i < pushes; i++) {
			long sentAt = this.sentAt.get(i);
			if (sentAt < from || sentAt >= to) {
				continue;
			}
			sent++;
			long ackedAt = this.ackedAt.get(i);
			long repliedAt = this.repliedAt.get(i);
			if (repliedAt > 0) {
				repliedByNow++;
				repliedInPeriod += (repliedAt < to) ? 1 : 0;
			}
			if (ackedAt == FAILED) {
				errors++;
			}
			else if (ackedAt > 0) {
				ackLatencies[acks] = ackedAt - sentAt;
				answerTimes[acks] = ackedAt - this.writtenAt.get(i);
				sendLags[acks] = this.writtenAt.get(i) - sentAt;
				// an acknowledged push never answered counts as infinitely late
				replyLatencies[acks] = (repliedAt > 0) ? repliedAt - sentAt : Long.MAX_VALUE;
				acks++;
			}
		}
		return new Period((to - from) / 1e9, sent, acks, errors, repliedInPeriod, repliedByNow,
				sorted(ackLatencies, acks), sorted(sendLags, acks), sorted(answerTimes, acks),
				sorted(replyLatencies, acks));
	}

	private static long[] sorted(long[] values, int length) {
		long[] sorted = Arrays.copyOf(values, length);
		Arrays.sort(sorted);
		return sorted;
	}

	/**
	 * The pushes sent in one period and their fate.
	 * @param repliedInPeriod replies to these pushes that arrived before the period ended
	 * @param repliedByNow replies to these pushes that have arrived so far
	 * @param ackLatencies push to acknowledgement of each acknowledged push, sorted, ns
	 * @param sendLags send time to writing the request, sorted, ns: how far the senders fell
	 * behind the schedule because every connection was waiting for an answer
	 * @param answerTimes writing the request to its answer, sorted, ns: what kefu took
	 * @param replyLatencies push to reply of each acknowledged push, sorted, ns;
	 * {@link Long#MAX_VALUE} for one not answered
	 */
	record Period(double seconds, int sent, int acks, int errors, int repliedInPeriod, int repliedByNow,
			long[] ackLatencies, long[] sendLags, long[] answerTimes, long[] replyLatencies) {

		/** The latency at this percentile in milliseconds, or infinity if that push was never answered. */
		static double millis(long[] sorted, double percentile) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
			long nanos = sorted[Math.max(0, index)];
			return (nanos == Long.MAX_VALUE) ? Double.POSITIVE_INFINITY : nanos / 1e6;
		}

	}

}
