package dev.kefu.desk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.kefu.BackgroundTask;
import dev.kefu.inbox.ConversationHistory;
import dev.kefu.rules.Holds;

import org.springframework.stereotype.Component;

/**
 * Without Redis, finds what other instances changed for the desks open here: every
 * {@code kefu.desk.poll-interval}, for each app with an open desk only, the time of the
 * app's last push and the revision of its holds, two indexed reads. A change is told to
 * this instance's desks as {@link DeskSignals#CHANGE} for the whole app (the desks reload
 * their list). So is the first look at an app a desk has just opened on: what arrived
 * between the page being drawn and that look would otherwise never be told.
 */
@Component
class DeskPoll extends BackgroundTask {

	private final DeskSignals signals;

	private final ConversationHistory conversations;

	private final Holds holds;

	private final Map<String, String> seen = new ConcurrentHashMap<>();

	DeskPoll(DeskSignals signals, ConversationHistory conversations, Holds holds, DeskProperties properties) {
		super("kefu-desk-poll", properties.pollInterval());
		this.signals = signals;
		this.conversations = conversations;
		this.holds = holds;
	}

	@Override
	protected void runOnce() {
		if (this.signals.throughRedis()) {
			return;
		}
		this.seen.keySet().retainAll(this.signals.watched());
		for (String appId : this.signals.watched()) {
			String now = this.conversations.lastReceived(appId) + "/" + this.holds.revision(appId);
			String before = this.seen.put(appId, now);
			if (!now.equals(before)) {
				this.signals.local(appId, "", DeskSignals.CHANGE);
			}
		}
	}

}
