package dev.kefu.inbox;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.kefu.bench.KeepAliveConnection;
import dev.kefu.bench.SafeModePushes;

/**
 * A load generator for {@code POST /wechat/{appId}}: safe-mode JSON text pushes, each
 * with its own MsgId, signed and encrypted exactly as WeChat does, sent over keep-alive
 * HTTP/1.1 connections from plain sockets (so the generator spends little of the
 * machine's CPU).
 * <p>
 * With a target rate it is open-loop: every request has a scheduled send time and latency
 * is measured from that time, so a stalled server shows up in the percentiles instead of
 * silently slowing the generator down (no coordinated omission).
 * <p>
 * Run through {@code bench/push-load}; also used by the kill -9 durability test.
 */
public final class PushLoad {

	private final URI endpoint;

	private final SafeModePushes pushes;

	private final AtomicLong sequence = new AtomicLong();

	private final long runId = System.nanoTime();

	private volatile boolean stopped;

	public PushLoad(URI endpoint, String appId, String token, String encodingAesKey) {
		this.endpoint = endpoint;
		this.pushes = new SafeModePushes(endpoint, appId, token, encodingAesKey);
	}

	/**
	 * Sends pushes from {@code connections} connections for {@code duration}.
	 * @param ratePerSecond total target rate, or 0 to send as fast as the server answers
	 * @param onAck called (from sender threads) with the MsgId of every push answered
	 * {@code success}
	 */
	public Result run(int connections, double ratePerSecond, Duration duration, Consumer<String> onAck)
			throws InterruptedException {
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		List<Sender> senders = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			double interval = (ratePerSecond > 0) ? 1e9 * connections / ratePerSecond : 0;
			senders.add(new Sender(i, start + (long) (interval * i / connections), end, interval, onAck));
		}
		senders.forEach(Thread::start);
		for (Sender sender : senders) {
			sender.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] all = senders.stream().flatMapToLong((s) -> Arrays.stream(s.latencies, 0, s.count)).sorted().toArray();
		long errors = senders.stream().mapToLong((s) -> s.errors).sum();
		return new Result(all.length, errors, seconds, all);
	}

	/**
	 * {@code --url U --token T --aes-key K [--connections 32] [--rate 0] [--warmup 90] [--duration 30]}:
	 * a warm-up run, then a measured run, each printed as one line.
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new java.util.HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		URI url = URI.create(options.get("url"));
		String appId = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
		PushLoad load = new PushLoad(url, appId, options.get("token"), options.get("aes-key"));
		int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
		double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
		Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "90")));
		Duration measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "30")));
		String shape = connections + " connections, " + ((rate > 0) ? "target " + (long) rate + "/s" : "closed loop");
		System.out.println("warm-up   (" + shape + "): " + load.run(connections, rate, warmup, (id) -> {
		}));
		System.out.println("measured  (" + shape + "): " + load.run(connections, rate, measured, (id) -> {
		}));
	}

	/**
	 * Ends a running {@link #run} early: every sender stops after its current request.
	 */
	public void stop() {
		this.stopped = true;
	}

	/** How many users the pushes come from, each push from one picked at random. */
	static final int USERS = 10_000;

	String nextMsgId() {
		return Long.toString(this.runId & 0xffffffffL) + String.format("%010d", this.sequence.incrementAndGet());
	}

	byte[] request(String msgId, long now, SplittableRandom random) {
		return this.pushes.text("o_load_user_" + random.nextInt(USERS), msgId, "你好，我想下载 APP " + msgId, now, random);
	}

	/** What a run measured. Latencies are in nanoseconds, sorted. */
	public record Result(long answered, long errors, double seconds, long[] latencies) {

		public double perSecond() {
			return this.answered / this.seconds;
		}

		public double percentileMillis(double p) {
			if (this.latencies.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.min(this.latencies.length - 1, Math.ceil(p / 100 * this.latencies.length) - 1);
			return this.latencies[Math.max(0, index)] / 1e6;
		}

		@Override
		public String toString() {
			return String.format(
					"%d answered, %d errors in %.1f s: %.0f pushes/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
					this.answered, this.errors, this.seconds, perSecond(), percentileMillis(50), percentileMillis(99),
					percentileMillis(100));
		}

	}

	private final class Sender extends Thread {

		private final long firstAt;

		private final long end;

		private final double interval;

		private final Consumer<String> onAck;

		private final SplittableRandom random;

		private long[] latencies = new long[1 << 16];

		private int count;

		private long errors;

		Sender(int index, long firstAt, long end, double interval, Consumer<String> onAck) {
			super("push-load-" + index);
			this.firstAt = firstAt;
			this.end = end;
			this.interval = interval;
			this.onAck = onAck;
			this.random = new SplittableRandom(index * 7919L + 17);
		}

		@Override
		public void run() {
			KeepAliveConnection connection = null;
			long scheduled = this.firstAt;
			while (!PushLoad.this.stopped) {
				long now = System.nanoTime();
				if (this.interval > 0) {
					if (scheduled >= this.end) {
						break;
					}
					if (scheduled > now) {
						sleepNanos(scheduled - now);
					}
				}
				else if (now >= this.end) {
					break;
				}
				long sentAt = (this.interval > 0) ? scheduled : System.nanoTime();
				String msgId = nextMsgId();
				try {
					if (connection == null) {
						connection = new KeepAliveConnection(PushLoad.this.endpoint);
					}
					byte[] request = request(msgId, System.currentTimeMillis() / 1000, this.random);
					String answer = connection.exchange(request);
					record(System.nanoTime() - sentAt);
					if (connection.closing()) {
						// The server ends a keep-alive connection after so many requests
						// (Tomcat: 100).
						connection.close();
						connection = null;
					}
					if ("success".equals(answer)) {
						this.onAck.accept(msgId);
					}
					else {
						this.errors++;
					}
				}
				catch (IOException ex) {
					this.errors++;
					if (connection != null) {
						connection.close();
						connection = null;
					}
				}
				scheduled += (long) this.interval;
			}
			if (connection != null) {
				connection.close();
			}
		}

		private void record(long nanos) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = nanos;
		}

		private static void sleepNanos(long nanos) {
			try {
				Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
