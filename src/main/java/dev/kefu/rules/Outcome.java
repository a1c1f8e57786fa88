package dev.kefu.rules;

/** What the rules made of one message; stored with the message for the console. */
public enum Outcome {

	/** A keyword rule matched. */
	KEYWORD,

	/** No keyword rule matched and the default rule answered. */
	DEFAULT,

	/** The user entered the chat and the welcome rule answered. */
	WELCOME,

	/**
	 * A default or welcome rule would have answered but had already answered this user
	 * recently.
	 */
	COOLDOWN,

	/** No rule answers this message. */
	NO_RULE,

	/**
	 * The user was handed over to the customer-service tool ("转人工") and the hold lasts
	 * ({@code kefu.rules.transfer-hold}): no automatic reply.
	 */
	HANDED_OVER,

	/**
	 * Someone holds the conversation ({@link Holds}): keyword and default rules stayed
	 * silent.
	 */
	HELD;

	/** Whether a message with this outcome counts as unmatched in the console. */
	public boolean unmatched() {
		return this != KEYWORD && this != WELCOME && this != HANDED_OVER && this != HELD;
	}

}
