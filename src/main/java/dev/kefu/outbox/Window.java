package dev.kefu.outbox;

import java.time.Duration;
import java.time.Instant;

import dev.kefu.rules.ReplyPlanned;

/**
 * The sending allowance a user action opens: 5 sends within 48 hours of a user message, 2
 * within 1 minute of entering the chat, counted from when the push arrived. WeChat's send
 * rules; each new action replaces the previous allowance.
 *
 * @param start when the action's push arrived
 * @param end when the window closes
 * @param maxSends how many sends it allows
 */
record Window(Instant start, Instant end, int maxSends) {

	/**
	 * A window and how many sends are planned in it.
	 *
	 * @param window the user's current window
	 * @param planned how many of its sends are planned
	 */
	record Use(Window window, int planned) {
	}

	static Window openedBy(ReplyPlanned.Cause cause, Instant receivedAt) {
		return switch (cause) {
			case USER_MESSAGE -> new Window(receivedAt, receivedAt.plus(Duration.ofHours(48)), 5);
			case ENTERED_CHAT -> new Window(receivedAt, receivedAt.plus(Duration.ofMinutes(1)), 2);
		};
	}

}
