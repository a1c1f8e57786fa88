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
 * app's last push, the revision of its holds (two indexed reads) and the time notes or
 * tags on one of its users last changed (a read of the app's part of the notes' primary
 * key). A change is told to this instance's desks for the whole app, as
 * {@link DeskSignals#CHANGE} (the desks reload their list) or {@link DeskSignals#NOTE}
 * (they reload the open user's notes if they changed). So is the first look at an app a
 * desk has just opened on: what arrived between the page being drawn and that look would
 * otherwise never be told.
 */
@Component
class DeskPoll extends BackgroundTask {

	private final DeskSignals signals;

	private final ConversationHistory conversations;

	private final Holds holds;

	private final Desk desk;

	private final Map<String, String> seen = new ConcurrentHashMap<>();

	private final Map<String, Long> notesSeen = new ConcurrentHashMap<>();

	DeskPoll(DeskSignals signals, ConversationHistory conversations, Holds holds, Desk desk,
			DeskProperties properties) {
		super("kefu-desk-poll", properties.pollInterval());
		this.signals = signals;
		this.conversations = conversations;
		this.holds = holds;
		this.desk = desk;
	}

	@Override
	protected void runOnce() {
		if (this.signals.throughRedis()) {
			return;
		}
		this.seen.keySet().retainAll(this.signals.watched());
		this.notesSeen.keySet().retainAll(this.signals.watched());
		for (String appId : this.signals.watched()) {
			String now = this.conversations.lastReceived(appId) + "/" + this.holds.revision(appId);
			String before = this.seen.put(appId, now);
			if (!now.equals(before)) {
				this.signals.local(appId, "", DeskSignals.CHANGE);
			}
			Long notes = this.desk.notesRevision(appId);
			if (!notes.equals(this.notesSeen.put(appId, notes))) {
				this.signals.local(appId, "", DeskSignals.NOTE);
			}
		}
	}

}
