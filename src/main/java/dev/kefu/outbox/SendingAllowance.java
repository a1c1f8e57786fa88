package dev.kefu.outbox;

import java.time.Instant;

import dev.kefu.rules.ReplyPlanned;

/**
 * How many replies the outbox sends after a user action: the size of the {@link Window}
 * it opens.
 */
public final class SendingAllowance {

	private SendingAllowance() {
	}

	/**
	 * The number of sends the window opened by {@code cause} allows; {@code cause} must
	 * not be null.
	 */
	public static int maxSends(ReplyPlanned.Cause cause) {
		return Window.openedBy(cause, Instant.EPOCH).maxSends();
	}

}
