package dev.kefu.apps;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Loads the apps before kefu starts serving, then polls the stored revision so that changes
 * made by other instances sharing the database reach this one's {@link Apps} within
 * {@code kefu.apps.refresh-interval}.
 */
@Component
class AppsRefresher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AppsRefresher.class);

	private final Apps apps;

	private final AppsProperties properties;

	private ScheduledExecutorService executor;

	AppsRefresher(Apps apps, AppsProperties properties) {
		this.apps = apps;
		this.properties = properties;
	}

	/**
	 * Two steps below the web server, which starts taking requests one step below its graceful
	 * shutdown ({@link WebServerGracefulShutdownLifecycle#SMART_LIFECYCLE_PHASE} - 1024): so the
	 * first push never waits for the apps to load, and the rules' refresher, one step below the
	 * web server, finds them loaded.
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 3072;
	}

	@Override
	public synchronized void start() {
		// Loading here fails start-up if the stored credentials cannot be decrypted.
		this.apps.all();
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kefu-apps-refresh");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.apps().refreshInterval().toMillis();
		this.executor.scheduleWithFixedDelay(this::poll, interval, Math.max(interval, 1), TimeUnit.MILLISECONDS);
	}

	private void poll() {
		try {
			this.apps.refreshIfChanged();
		}
		catch (RuntimeException ex) {
			// Keep serving the last good view; the next poll tries again.
			logger.warn("Could not refresh the apps: {}", ex.getMessage());
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
