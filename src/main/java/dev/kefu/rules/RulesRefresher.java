package dev.kefu.rules;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.kefu.apps.App;
import dev.kefu.apps.AppChanged;
import dev.kefu.apps.Apps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's matchers current: compiles them all at start-up, polls the per-app rule revisions every
 * {@code kefu.rules.refresh-interval} for changes made by other instances sharing the database,
 * and drops an app's matcher when the app itself changed (its time zone, or its removal).
 */
@Component
class RulesRefresher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RulesRefresher.class);

	private final RuleMatchers matchers;

	private final Apps apps;

	private final RulesProperties properties;

	private ScheduledExecutorService executor;

	RulesRefresher(RuleMatchers matchers, Apps apps, RulesProperties properties) {
		this.matchers = matchers;
		this.apps = apps;
		this.properties = properties;
	}

	/**
	 * Between the apps' refresher (two steps below the web server: the apps are loaded first)
	 * and the web server, which starts taking requests one step below its graceful shutdown
	 * ({@link WebServerGracefulShutdownLifecycle#SMART_LIFECYCLE_PHASE} - 1024): so the first
	 * push finds its app's rules compiled.
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;
	}

	@ApplicationModuleListener
	void on(AppChanged changed) {
		this.matchers.forget(changed.appId());
	}

	@Override
	public synchronized void start() {
		// Compile every app's rules before serving, so no push waits for the first compilation.
		for (App app : this.apps.all()) {
			try {
				this.matchers.reload(app.appId());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not compile the rules of app {}: {}", app.appId(), ex.getMessage());
			}
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kefu-rules-refresh");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.refreshInterval().toMillis();
		this.executor.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
	}

	private void poll() {
		try {
			this.matchers.refreshChanged();
		}
		catch (RuntimeException ex) {
			// Keep matching with the last good matchers; the next poll tries again.
			logger.warn("Could not refresh the rules: {}", ex.getMessage());
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
