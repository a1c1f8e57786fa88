package dev.kefu.outbox;

import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Where each user's allowance is counted: in the database, or in Redis when configured.
 */
interface AllowanceStore {

	/**
	 * Plans {@code parts} sends of one message against the user's allowance. If the
	 * message's action is newer than the user's current window, it opens {@code window}
	 * first, counting the user's still unsent parts ({@code unsent}) as already planned
	 * in it. Asked again for the same message, answers as the first time.
	 */
	Grant plan(String appId, String openId, String messageId, Window window, int parts, IntSupplier unsent);

	/**
	 * The user's current window and how much of it is planned; empty when the user has
	 * none on record.
	 */
	Optional<Window.Use> current(String appId, String openId);

	/**
	 * Plans one send outside any message (a reply by hand) in the user's current window,
	 * if it is open at {@code now} and not used up: a grant of 1 or 0.
	 */
	Grant planOne(String appId, String openId, Instant now);

}
