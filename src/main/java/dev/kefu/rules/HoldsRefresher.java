package dev.kefu.rules;

import dev.kefu.BackgroundTask;

import org.springframework.stereotype.Component;

/**
 * Reloads every instance's snapshot of the current {@link Holds} every
 * {@code kefu.rules.refresh-interval}, so that holds taken or released on other instances
 * reach the planner here; loaded once before the web server takes requests.
 */
@Component
class HoldsRefresher extends BackgroundTask {

	private final Holds holds;

	HoldsRefresher(Holds holds, RulesProperties properties) {
		super("kefu-rules-holds", properties.refreshInterval());
		this.holds = holds;
	}

	@Override
	public void start() {
		this.holds.reload();
		super.start();
	}

	@Override
	protected void runOnce() {
		this.holds.reload();
	}

}
