package dev.kefu.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends text pushes to kefu, each from a user of its own with a MsgId of its own, over
 * {@code connections} keep-alive connections, and notes each push's fate on the
 * {@link Timeline} by its index.
 * <ul>
 * <li>Open loop ({@code rate} &gt; 0): push {@code i} is due at {@code start + i / rate}
 * and its send time is that due time, so a kefu that stalls the senders shows up in the
 * latencies rather than slowing the offered load down (no coordinated omission).</li>
 * <li>Closed loop ({@code rate} 0): each connection sends its next push as soon as the
 * last one is answered, which finds the highest rate kefu acknowledges.</li>
 * </ul>
 */
final class PushSender {

	private static final String CONTENT = "你好，请问怎么下载 APP？";

	private final SafeModePushes pushes;

	private final URI endpoint;

	private final Timeline timeline;

	private final int connections;

	private final double rate;

	/** Tells this run's users and MsgIds from any earlier run's on a reused database. */
	private final int run = (int) (System.currentTimeMillis() / 1000);

	private final String userPrefix = "oBench" + String.format("%08x", this.run);

	private final AtomicInteger next = new AtomicInteger();

	private final List<Thread> threads = new ArrayList<>();

	private long start;

	private long stop;

	PushSender(SafeModePushes pushes, URI endpoint, Timeline timeline, int connections, double rate) {
		this.pushes = pushes;
		this.endpoint = endpoint;
		this.timeline = timeline;
		this.connections = connections;
		this.rate = rate;
	}

	/** The 28-character OpenID of the user who sends push {@code push}. */
	String openId(int push) {
		return this.userPrefix + String.format("%014d", push);
	}

	/** The push a user sent, or -1 if no push of this run came from that user. */
	int pushOf(String openId) {
		if (openId.length() != 28 || !openId.startsWith(this.userPrefix)) {
			return -1;
		}
		try {
			return Integer.parseInt(openId.substring(14));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Sends pushes due (open loop) or started (closed loop) in {@code [start, stop)},
	 * timeline times. No request is written after {@code stop}.
	 */
	void start(long start, long stop) {
		this.start = start;
		this.stop = stop;
		for (int i = 0; i < this.connections; i++) {
			Thread thread = new Thread(() -> send(start, stop, new SplittableRandom(System.nanoTime())),
					"push-sender-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	/**
	 * Waits for the senders to finish their last push and notes in an open loop every
	 * push that was due but left unsent; answers how many pushes were numbered.
	 */
	int join() throws InterruptedException {
		for (Thread thread : this.threads) {
			thread.join();
		}
		int numbered = Math.min(this.next.get(), this.timeline.capacity());
		if (this.rate > 0) {
			int scheduled = (int) Math.min(this.timeline.capacity(),
					Math.ceil((this.stop - this.start) * this.rate / 1e9));
			for (int push = 0; push < scheduled; push++) {
				this.timeline.dueIfUnset(push, this.start + (long) (push * 1e9 / this.rate));
			}
			numbered = Math.max(numbered, scheduled);
		}
		return numbered;
	}

	/**
	 * Whether the run numbered every push the timeline has room for, and stopped early.
	 */
	boolean full() {
		return this.next.get() > this.timeline.capacity();
	}

	private void send(long start, long stop, SplittableRandom random) {
		KeepAliveConnection connection = null;
		for (int push = this.next.getAndIncrement(); push < this.timeline.capacity(); push = this.next
			.getAndIncrement()) {
			long dueAt = (this.rate > 0) ? start + (long) (push * 1e9 / this.rate) : this.timeline.now();
			if (dueAt >= stop) {
				break;
			}
			for (long wait = dueAt - this.timeline.now(); wait > 0; wait = dueAt - this.timeline.now()) {
				LockSupport.parkNanos(wait);
			}
			this.timeline.due(push, dueAt);
			if (this.rate > 0 && this.timeline.now() >= stop) {
				// the load ends with the period: a push no connection was free to send is
				// left unsent
				break;
			}
			connection = exchange(push, connection, random);
		}
		if (connection != null) {
			connection.close();
		}
	}

	/**
	 * Sends one push and notes kefu's answer; answers the connection to use next, if any.
	 */
	private KeepAliveConnection exchange(int push, KeepAliveConnection open, SplittableRandom random) {
		KeepAliveConnection connection = open;
		boolean acked = false;
		try {
			if (connection == null) {
				connection = new KeepAliveConnection(this.endpoint);
			}
			String msgId = this.run + String.format("%010d", push);
			byte[] request = this.pushes.text(openId(push), msgId, CONTENT, System.currentTimeMillis() / 1000, random);
			this.timeline.writing(push);
			acked = "success".equals(connection.exchange(request));
			if (connection.closing()) {
				connection.close();
				connection = null;
			}
		}
		catch (IOException ex) {
			if (connection != null) {
				connection.close();
				connection = null;
			}
		}
		this.timeline.answered(push, acked);
		return connection;
	}

}
