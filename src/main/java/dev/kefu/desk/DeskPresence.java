package dev.kefu.desk;

import java.time.Duration;

import dev.kefu.BackgroundTask;
import dev.kefu.rules.AgentPresence;

import org.springframework.stereotype.Component;

/**
 * Tells the other instances which apps have an agent online: every {@value #SECONDS}
 * seconds, drops the streams of desk pages that went away and marks each app with a desk
 * still connected here as seen ({@link AgentPresence}). A desk page marks its app the
 * moment it connects too.
 */
@Component
class DeskPresence extends BackgroundTask {

	static final int SECONDS = 10;

	private final DeskSignals signals;

	private final AgentPresence presence;

	DeskPresence(DeskSignals signals, AgentPresence presence) {
		super("kefu-desk-presence", Duration.ofSeconds(SECONDS));
		this.signals = signals;
		this.presence = presence;
	}

	@Override
	protected void runOnce() {
		this.signals.heartbeat();
		for (String appId : this.signals.watched()) {
			this.presence.seen(appId);
		}
	}

}
