package dev.kefu.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers when a trigger last answered a user, so DEFAULT cooldowns and the
 * once-per-period WELCOME hold across restarts and across instances sharing a database.
 */
interface FiringLedger {

	/**
	 * Records that {@code trigger} answers the user at {@code at}, unless it already did
	 * within {@code period} before; atomic, so two instances never both win.
	 * @return whether the trigger may answer now
	 */
	boolean claim(String appId, String openId, Trigger trigger, Instant at, Duration period);

}
