package dev.kefu.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What happened to each push of a run, by the push's index: its send time (when it was
 * due in an open loop, when its sender took it in a closed one), when its request was
 * written, when kefu answered it, and when the fake WeChat API received its reply. Times
 * are nanoseconds since the timeline was created, so never 0 or negative; 0 means "not
 * yet", and an answer other than {@code success} is kept as its time negated.
 * Thread-safe: each slot of a push is written by one thread and read by any.
 */
final class Timeline {

	private final long origin = System.nanoTime() - 1;

	private final AtomicLongArray dueAt;

	private final AtomicLongArray writtenAt;

	private final AtomicLongArray answeredAt;

	private final AtomicLongArray repliedAt;

	private final AtomicInteger duplicateReplies = new AtomicInteger();

	Timeline(int capacity) {
		this.dueAt = new AtomicLongArray(capacity);
		this.writtenAt = new AtomicLongArray(capacity);
		this.answeredAt = new AtomicLongArray(capacity);
		this.repliedAt = new AtomicLongArray(capacity);
	}

	int capacity() {
		return this.dueAt.length();
	}

	/** Now, on this timeline's clock. */
	long now() {
		return System.nanoTime() - this.origin;
	}

	void due(int push, long at) {
		this.dueAt.set(push, at);
	}

	/**
	 * Notes a push's send time unless it has one: for a push no sender took before the
	 * load ended.
	 */
	void dueIfUnset(int push, long at) {
		this.dueAt.compareAndSet(push, 0, at);
	}

	/** The push's request is about to be written to its connection. */
	void writing(int push) {
		this.writtenAt.set(push, now());
	}

	/**
	 * kefu answered the push: {@code success} with HTTP 200 ({@code acked}), or anything
	 * else.
	 */
	void answered(int push, boolean acked) {
		this.answeredAt.set(push, acked ? now() : -now());
	}

	/**
	 * The fake WeChat API received a send to the push's user; a second one is counted as
	 * a duplicate.
	 */
	void replied(int push) {
		if (push < 0 || push >= capacity() || !this.repliedAt.compareAndSet(push, 0, now())) {
			this.duplicateReplies.incrementAndGet();
		}
	}

	int duplicateReplies() {
		return this.duplicateReplies.get();
	}

	/** Acknowledged pushes (of the whole run) whose reply has not arrived. */
	int unanswered(int pushes) {
		int unanswered = 0;
		for (int i = 0; i < pushes; i++) {
			if (this.answeredAt.get(i) > 0 && this.repliedAt.get(i) == 0) {
				unanswered++;
			}
		}
		return unanswered;
	}

	/**
	 * The period {@code [from, to)}: what happened in it to any push (throughput), and
	 * what became of the pushes due in it (latency).
	 */
	Period period(int pushes, long from, long to) {
		int acks = 0;
		int errors = 0;
		int replies = 0;
		int written = 0;
		Cohort cohort = new Cohort(pushes);
		for (int i = 0; i < pushes; i++) {
			long answeredAt = this.answeredAt.get(i);
			acks += in(answeredAt, from, to) ? 1 : 0;
			errors += in(-answeredAt, from, to) ? 1 : 0;
			replies += in(this.repliedAt.get(i), from, to) ? 1 : 0;
			written += in(this.writtenAt.get(i), from, to) ? 1 : 0;
			if (in(this.dueAt.get(i), from, to)) {
				cohort.add(this.dueAt.get(i), this.writtenAt.get(i), answeredAt, this.repliedAt.get(i), to);
			}
		}
		return new Period((to - from) / 1e9, acks, errors, replies, written, cohort.due, cohort.acked, cohort.failed,
				cohort.unwritten, cohort.answeredInPeriod, cohort.answeredByNow, sorted(cohort.ack, cohort.late),
				sorted(cohort.sendLag, cohort.late), sorted(cohort.kefu, cohort.acked),
				sorted(cohort.reply, cohort.late));
	}

	private static boolean in(long time, long from, long to) {
		return time >= from && time < to;
	}

	private static long[] sorted(long[] values, int length) {
		long[] sorted = Arrays.copyOf(values, length);
		Arrays.sort(sorted);
		return sorted;
	}

	/** The pushes due in a period, as they are added. */
	private static final class Cohort {

		int due;

		int acked;

		int failed;

		int unwritten;

		int answeredInPeriod;

		int answeredByNow;

		/**
		 * Over acknowledged and unwritten pushes: an unwritten one is infinitely late.
		 */
		int late;

		final long[] ack;

		final long[] sendLag;

		final long[] reply;

		final long[] kefu;

		Cohort(int capacity) {
			this.ack = new long[capacity];
			this.sendLag = new long[capacity];
			this.reply = new long[capacity];
			this.kefu = new long[capacity];
		}

		void add(long dueAt, long writtenAt, long answeredAt, long repliedAt, long periodEnd) {
			this.due++;
			if (answeredAt < 0) {
				this.failed++;
				return;
			}
			if (writtenAt == 0) {
				this.unwritten++;
				this.ack[this.late] = Long.MAX_VALUE;
				this.sendLag[this.late] = Long.MAX_VALUE;
				this.reply[this.late++] = Long.MAX_VALUE;
				return;
			}
			this.ack[this.late] = answeredAt - dueAt;
			this.sendLag[this.late] = writtenAt - dueAt;
			// an acknowledged push never answered counts as infinitely late
			this.reply[this.late++] = (repliedAt > 0) ? repliedAt - dueAt : Long.MAX_VALUE;
			this.kefu[this.acked++] = answeredAt - writtenAt;
			this.answeredInPeriod += (repliedAt > 0 && repliedAt < periodEnd) ? 1 : 0;
			this.answeredByNow += (repliedAt > 0) ? 1 : 0;
		}

	}

	/**
	 * One period of the run.
	 *
	 * @param acks {@code success} answers kefu gave in the period, to any push
	 * @param errors other answers, I/O errors and timeouts in the period
	 * @param replies replies the fake WeChat API received in the period, to any push
	 * @param written push requests written in the period
	 * @param due pushes due in the period (the cohort the rest describes)
	 * @param acked how many of them kefu acknowledged
	 * @param failed how many of them kefu answered otherwise, or not at all
	 * @param unwritten how many of them were never sent: every connection was waiting for
	 * an answer until the period ended
	 * @param answeredInPeriod how many acknowledged ones were answered before the period
	 * ended
	 * @param answeredByNow how many acknowledged ones have been answered so far
	 * @param ackLatencies send time to acknowledgement of acknowledged and unwritten
	 * pushes, sorted, ns; {@link Long#MAX_VALUE} for an unwritten one
	 * @param sendLags send time to writing the request, likewise: how far the senders
	 * fell behind the schedule because every connection was waiting for an answer
	 * @param kefuTimes writing the request to reading its answer, of acknowledged pushes,
	 * sorted, ns
	 * @param replyLatencies send time to the reply's arrival, like {@code ackLatencies};
	 * {@link Long#MAX_VALUE} also for one never answered
	 */
	record Period(double seconds, int acks, int errors, int replies, int written, int due, int acked, int failed,
			int unwritten, int answeredInPeriod, int answeredByNow, long[] ackLatencies, long[] sendLags,
			long[] kefuTimes, long[] replyLatencies) {

		/**
		 * The latency at this percentile in milliseconds; infinity for a push never sent
		 * or never answered.
		 */
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
