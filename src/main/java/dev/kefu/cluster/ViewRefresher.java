package dev.kefu.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps an in-memory view of state the instances share in the database current in this
 * instance: {@link #load()} when the context starts, in the phase the subclass names
 * (before the web server takes requests), then {@link #refreshIfChanged()} every
 * {@code interval} on a daemon thread of its own, which polls a stored revision and
 * reloads only when it moved. That picks up the changes of other instances; the instance
 * that makes a change updates its own view at once.
 * <p>
 * A {@link #load()} that throws fails start-up. A refresh that throws is logged on one
 * line (no stack trace: the next poll tries again) and the view stays as it was. It can
 * be started again after a stop, as a cached test context is.
 */
public abstract class ViewRefresher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ViewRefresher.class);

	private final String view;

	private final Duration interval;

	private ScheduledExecutorService executor;

	/**
	 * @param view what is refreshed, in the thread's name ({@code kefu-<view>-refresh})
	 * and in log lines
	 * @param interval the delay between the end of one poll and the start of the next
	 */
	protected ViewRefresher(String view, Duration interval) {
		this.view = view;
		this.interval = interval;
	}

	/** Loads the whole view; called once per start, on the starting thread. */
	protected abstract void load();

	/**
	 * Compares the stored revision with the view's and reloads what changed; on the
	 * refresh thread only.
	 */
	protected abstract void refreshIfChanged();

	/**
	 * Where the view loads among the lifecycle beans: before the web server's phase, to
	 * be ready for the first request.
	 */
	@Override
	public abstract int getPhase();

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		load();
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kefu-" + this.view + "-refresh");
			thread.setDaemon(true);
			return thread;
		});
		long millis = Math.max(this.interval.toMillis(), 1);
		this.executor.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
	}

	private void poll() {
		try {
			refreshIfChanged();
		}
		catch (RuntimeException ex) {
			// Keep serving the last good view; the next poll tries again.
			logger.warn("Could not refresh the {}: {}", this.view, ex.getMessage());
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
