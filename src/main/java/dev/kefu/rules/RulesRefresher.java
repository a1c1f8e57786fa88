package dev.kefu.rules;

import dev.kefu.apps.App;
import dev.kefu.apps.AppChanged;
import dev.kefu.apps.Apps;
import dev.kefu.cluster.ViewRefresher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's matchers current: compiles them all at start-up, polls the
 * per-app rule revisions every {@code kefu.rules.refresh-interval} for changes made by
 * other instances sharing the database, and drops an app's matcher when the app itself
 * changed (its time zone, or its removal).
 */
@Component
class RulesRefresher extends ViewRefresher {

	private static final Logger logger = LoggerFactory.getLogger(RulesRefresher.class);

	private final RuleMatchers matchers;

	private final Apps apps;

	RulesRefresher(RuleMatchers matchers, Apps apps, RulesProperties properties) {
		super("rules", properties.refreshInterval());
		this.matchers = matchers;
		this.apps = apps;
	}

	/**
	 * Between the apps' refresher (two steps below the web server: the apps are loaded
	 * first) and the web server, which starts taking requests one step below its graceful
	 * shutdown ({@link WebServerGracefulShutdownLifecycle#SMART_LIFECYCLE_PHASE} - 1024):
	 * so the first push finds its app's rules compiled.
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;
	}

	@ApplicationModuleListener
	void on(AppChanged changed) {
		this.matchers.forget(changed.appId());
	}

	/**
	 * Compiles every app's rules before serving, so no push waits for the first
	 * compilation.
	 */
	@Override
	protected void load() {
		for (App app : this.apps.all()) {
			try {
				this.matchers.reload(app.appId());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not compile the rules of app {}: {}", app.appId(), ex.getMessage());
			}
		}
	}

	@Override
	protected void refreshIfChanged() {
		this.matchers.refreshChanged();
	}

}
