package dev.kefu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What one push-to-send run measured, printed for a person.
 * <ul>
 * <li>Rates count what happened within the measured period, to any push: acks/s are
 * {@code success} answers (HTTP 200) kefu gave in it, replies/s are sends the fake WeChat
 * API received in it. So a reply path that falls behind shows as replies/acks below 1,
 * and a kefu that falls behind an open loop shows as acks/s below the offered rate.</li>
 * <li>Latencies follow the pushes due in the period, from each one's send time (its due
 * time in an open loop, so time spent waiting for a free connection counts) to its
 * acknowledgement and to its reply's arrival. A push never sent (every connection was
 * busy until the period ended) or never answered counts as infinitely late
 * ("never").</li>
 * <li>Server CPU per answered push: kefu's utime + stime over the period, from
 * {@code /proc}, divided by the replies received in the period.</li>
 * </ul>
 *
 * @param openLoop whether pushes were sent on a schedule (so the senders can fall behind
 * it)
 * @param backlog acknowledged pushes of the whole run still unanswered when the drain
 * ended
 */
record Report(boolean openLoop, Timeline.Period measured, Sample before, Sample after, long ticksPerSecond, int backlog,
		double drainedSeconds, int drainLimit, boolean full, int duplicateReplies, int strays, int badCalls,
		int tokenFetches) {

	/**
	 * Readings at one edge of the measured period, CPU times in clock ticks.
	 *
	 * @param machineBusyTicks CPU time of every process on the machine, from
	 * {@code /proc/stat}
	 */
	record Sample(long kefuTicks, long generatorTicks, long machineBusyTicks, String loadAverage, Instant wallClock) {
	}

	static Sample sample(KefuProcess kefu) throws IOException {
		String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
		// cpu user nice system idle iowait irq softirq steal ...: all but idle and iowait
		// is busy
		String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long busy = 0;
		for (int field = 1; field <= 8; field++) {
			busy += (field == 4 || field == 5) ? 0 : Long.parseLong(cpu[field]);
		}
		return new Sample(kefu.cpuTicks(), KefuProcess.cpuTicks("self"), busy, load[0] + " " + load[1] + " " + load[2],
				Instant.now());
	}

	void print() {
		Timeline.Period m = this.measured;
		double seconds = m.seconds();
		double kefuMicros = (this.after.kefuTicks() - this.before.kefuTicks()) * 1e6 / this.ticksPerSecond;
		double generatorMicros = (this.after.generatorTicks() - this.before.generatorTicks()) * 1e6
				/ this.ticksPerSecond;
		double machineMicros = (this.after.machineBusyTicks() - this.before.machineBusyTicks()) * 1e6
				/ this.ticksPerSecond;
		System.out.printf("%nmeasured period %.1f s; load average %s at its start, %s at its end; %d cores%n", seconds,
				this.before.loadAverage(), this.after.loadAverage(), Runtime.getRuntime().availableProcessors());
		System.out.printf(
				"  machine CPU        %.2f cores busy: kefu %.2f, this generator %.2f, other processes"
						+ " (a database server among them) %.2f%n",
				machineMicros / 1e6 / seconds, kefuMicros / 1e6 / seconds, generatorMicros / 1e6 / seconds,
				(machineMicros - kefuMicros - generatorMicros) / 1e6 / seconds);
		System.out.printf("  acks/s             %.0f   (%d success answers in the period; %d errors: other answers,"
				+ " I/O errors, timeouts)%n", m.acks() / seconds, m.acks(), m.errors());
		System.out.printf("  replies/s          %.0f   (%d replies received in the period)%n", m.replies() / seconds,
				m.replies());
		System.out.printf("  replies/acks       %.3f%n", (m.acks() > 0) ? (double) m.replies() / m.acks() : 0);
		System.out.printf(
				"  pushes             %d due in the period (%.0f/s), %d written in it; of those due: %d acked"
						+ " (%d answered within the period, %d by the end of the run), %d failed, %d never sent%n",
				m.due(), m.due() / seconds, m.written(), m.acked(), m.answeredInPeriod(), m.answeredByNow(), m.failed(),
				m.unwritten());
		System.out.printf("  push-to-send       p50 %s  p99 %s  max %s%n", ms(m.replyLatencies(), 50),
				ms(m.replyLatencies(), 99), ms(m.replyLatencies(), 100));
		System.out.printf("  push-to-ack        p50 %s  p99 %s  max %s%n", ms(m.ackLatencies(), 50),
				ms(m.ackLatencies(), 99), ms(m.ackLatencies(), 100));
		System.out.printf("    of which kefu    p50 %s  p99 %s  max %s (request written to answer read)%n",
				ms(m.kefuTimes(), 50), ms(m.kefuTimes(), 99), ms(m.kefuTimes(), 100));
		if (this.openLoop) {
			System.out.printf(
					"    send lag         p50 %s  p99 %s  max %s (behind schedule: every connection was busy)%n",
					ms(m.sendLags(), 50), ms(m.sendLags(), 99), ms(m.sendLags(), 100));
		}
		System.out.printf("  server CPU         %.0f µs per answered push; %.0f µs per ack; %.2f cores%n",
				kefuMicros / Math.max(1, m.replies()), kefuMicros / Math.max(1, m.acks()), kefuMicros / 1e6 / seconds);
		if (this.backlog == 0) {
			System.out.printf("backlog: none; every acknowledged push was answered %.1f s after the load stopped%n",
					this.drainedSeconds);
		}
		else {
			System.out.printf("backlog: %d acknowledged pushes still unanswered %d s after the load stopped%n",
					this.backlog, this.drainLimit);
		}
		System.out.printf("fake WeChat API: %d token fetches, %d duplicate replies, %d replies to unknown users,"
				+ " %d refused calls%n", this.tokenFetches, this.duplicateReplies, this.strays, this.badCalls);
		if (this.full) {
			System.out.println("NOTE: the run sent as many pushes as it has room for and stopped early");
		}
	}

	/**
	 * A latency percentile in milliseconds; "never" for a push never sent or never
	 * answered.
	 */
	private static String ms(long[] sorted, double percentile) {
		double millis = Timeline.Period.millis(sorted, percentile);
		if (Double.isNaN(millis)) {
			return "n/a";
		}
		return Double.isInfinite(millis) ? "never" : String.format("%.1f ms", millis);
	}

}
