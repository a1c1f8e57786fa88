package dev.kefu.links;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes clicks (and the times tracked replies were sent) to the database off the request
 * thread: {@link #click} and {@link #sent} only put them on a bounded queue, and a thread
 * of its own writes what has gathered in one transaction, up to {@link #BATCH} at a time.
 * When the database fails, that batch is written again with a growing pause (up to
 * {@link #LONGEST_PAUSE}) until it goes through, while new clicks wait on the queue; only
 * once {@code kefu.links.click-buffer} of them wait are further ones dropped (and counted
 * in {@code kefu_links_click_records_dropped_total}). A redirect never waits for any of
 * it.
 * <p>
 * Stops after the web server (so every click it took is on the queue) and writes what is
 * left once before the connection pool closes.
 */
@Component
class ClickRecorder implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ClickRecorder.class);

	static final int BATCH = 500;

	private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

	private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

	/** A reply part carrying this code was accepted by WeChat at this time. */
	private record Sent(String code, Instant at) {
	}

	private final LinkStore store;

	private final TransactionOperations transactions;

	private final BlockingQueue<Object> queue;

	private final Counter dropped;

	private volatile Thread writer;

	private volatile boolean running;

	/** Failed writes in a row; the writer thread's alone. */
	private int failures;

	ClickRecorder(LinkStore store, TransactionOperations transactions, LinksProperties properties,
			MeterRegistry meters) {
		this.store = store;
		this.transactions = transactions;
		this.queue = new ArrayBlockingQueue<>(properties.clickBuffer());
		this.dropped = Counter.builder("kefu.links.click.records.dropped")
			.description("Clicks and sends not recorded because the buffer waiting for the database was full")
			.register(meters);
	}

	/** Queues a click; never blocks. */
	void click(Click click) {
		offer(click);
	}

	/** Queues the time a reply carrying {@code code} was sent; never blocks. */
	void sent(String code, Instant at) {
		offer(new Sent(code, at));
	}

	/** How many records wait to be written. */
	int waiting() {
		return this.queue.size();
	}

	private void offer(Object record) {
		if (!this.queue.offer(record)) {
			this.dropped.increment();
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Thread thread = new Thread(this::run, "kefu-link-clicks");
		thread.setDaemon(true);
		this.writer = thread;
		thread.start();
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		try {
			this.writer.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.writer = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Below the web server's phases: it stops taking requests before this stops. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void run() {
		List<Object> batch = new ArrayList<>(BATCH);
		while (this.running || !this.queue.isEmpty()) {
			try {
				if (batch.isEmpty()) {
					Object first = this.queue.poll(100, TimeUnit.MILLISECONDS);
					if (first == null) {
						continue;
					}
					batch.add(first);
					this.queue.drainTo(batch, BATCH - 1);
				}
				if (writeOrPause(batch)) {
					batch.clear();
				}
				else if (!this.running) {
					logger.warn("Stopping with {} click records not written", batch.size() + this.queue.size());
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Writes the batch; on failure pauses (longer each time in a row) and answers false.
	 */
	private boolean writeOrPause(List<Object> batch) throws InterruptedException {
		List<Click> clicks = new ArrayList<>(batch.size());
		Map<String, Instant> sent = new LinkedHashMap<>();
		for (Object record : batch) {
			if (record instanceof Click click) {
				clicks.add(click);
			}
			else {
				Sent s = (Sent) record;
				sent.merge(s.code(), s.at(), (a, b) -> a.isBefore(b) ? a : b);
			}
		}
		try {
			this.transactions.executeWithoutResult((status) -> {
				if (this.failures > 0) {
					// the last attempt may have committed though it failed: never record
					// a click twice
					Set<String> recorded = this.store.recorded(clicks);
					clicks.removeIf((click) -> recorded.contains(click.id()));
				}
				this.store.write(clicks, sent);
			});
			if (this.failures > 0) {
				logger.info("Writing link clicks again after {} failed attempts", this.failures);
			}
			this.failures = 0;
			return true;
		}
		catch (RuntimeException ex) {
			this.failures++;
			if (this.failures == 1 || this.failures % 60 == 0) {
				logger.warn("Could not write {} link clicks, will try again ({} waiting): {}", batch.size(),
						this.queue.size(), ex.toString());
			}
			long pause = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(this.failures - 1, 10));
			if (this.running) {
				Thread.sleep(pause);
			}
			return false;
		}
	}

}
