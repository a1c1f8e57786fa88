package dev.kefu;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Work that every instance does in the background, on a daemon thread of its own:
 * {@link #runOnce()} runs {@code period} after the end of the last run, the first time
 * after a random part of the period, so that instances started together do not run in
 * step. A run that throws is logged (one line, no stack trace: these tasks recover by
 * running again) and the loop goes on. It can be started again after a stop, as a cached
 * test context is. Starts after and stops before the beans of lower phases (the outbox's
 * dispatcher, the connection pool).
 */
public abstract class BackgroundTask implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(BackgroundTask.class);

	private final String name;

	private final Duration period;

	private ScheduledExecutorService executor;

	/**
	 * @param name the thread's name, and the task's in log lines
	 * @param period the delay between the end of one run and the start of the next
	 */
	protected BackgroundTask(String name, Duration period) {
		this.name = name;
		this.period = period;
	}

	/** One run; called on the task's thread only. */
	protected abstract void runOnce();

	@Override
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
		this.executor.scheduleWithFixedDelay(this::guarded, offset, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops; waits a few seconds for a run in flight to end before the connection pool
	 * closes.
	 */
	@Override
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

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void guarded() {
		try {
			runOnce();
		}
		catch (RuntimeException ex) {
			logger.warn("{} failed, will run again: {}", this.name, ex.toString());
		}
	}

}
