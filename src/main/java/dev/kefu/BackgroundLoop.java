package dev.kefu;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task that every instance runs on a daemon thread of its own, {@code period} after the end
 * of its last run, the first time after a random part of the period, so that instances started
 * together do not run in step. A run that throws is logged (one line, no stack trace: these
 * tasks retry by running again) and the loop goes on. Can be started again after a stop, as a
 * cached test context is.
 */
public final class BackgroundLoop {

	private static final Logger logger = LoggerFactory.getLogger(BackgroundLoop.class);

	private final String name;

	private final Duration period;

	private final Runnable task;

	private ScheduledExecutorService executor;

	/**
	 * @param name the thread's name, and the loop's in log lines
	 * @param period the delay between the end of one run and the start of the next
	 * @param task one run
	 */
	public BackgroundLoop(String name, Duration period, Runnable task) {
		this.name = name;
		this.period = period;
		this.task = task;
	}

	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, this.name);
			thread.setDaemon(true);
			return thread;
		});
		long millis = Math.max(this.period.toMillis(), 1);
		// Only spreads instances over the period; no outcome depends on the value.
		long offset = 1 + ThreadLocalRandom.current().nextLong(millis);
		this.executor.scheduleWithFixedDelay(this::runOnce, offset, millis, TimeUnit.MILLISECONDS);
	}

	/** Stops; waits a few seconds for a run in flight to end before the connection pool closes. */
	public synchronized void stop() {
		if (this.executor == null) {
			return;
		}
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
	}

	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void runOnce() {
		try {
			this.task.run();
		}
		catch (RuntimeException ex) {
			logger.warn("{} failed, will run again: {}", this.name, ex.toString());
		}
	}

}
