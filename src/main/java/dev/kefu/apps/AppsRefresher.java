package dev.kefu.apps;

import dev.kefu.cluster.ViewRefresher;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.stereotype.Component;

/**
 * Loads the apps before kefu starts serving, then polls the stored revision so that
 * changes made by other instances sharing the database reach this one's {@link Apps}
 * within {@code kefu.apps.refresh-interval}.
 */
@Component
class AppsRefresher extends ViewRefresher {

	private final Apps apps;

	AppsRefresher(Apps apps, AppsProperties properties) {
		super("apps", properties.apps().refreshInterval());
		this.apps = apps;
	}

	/**
	 * Two steps below the web server, which starts taking requests one step below its
	 * graceful shutdown ({@link WebServerGracefulShutdownLifecycle#SMART_LIFECYCLE_PHASE}
	 * - 1024): so the first push never waits for the apps to load, and the rules'
	 * refresher, one step below the web server, finds them loaded.
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 3072;
	}

	/** Fails start-up if the stored credentials cannot be decrypted. */
	@Override
	protected void load() {
		this.apps.all();
	}

	@Override
	protected void refreshIfChanged() {
		this.apps.refreshIfChanged();
	}

}
