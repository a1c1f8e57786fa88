package dev.kefu.rules;

/** When a rule answers. */
public enum Trigger {

	/** A text message matched one of the rule's keywords. */
	KEYWORD,

	/**
	 * A user message no keyword rule matched, including images and mini program cards.
	 */
	DEFAULT,

	/** The user entered the chat ({@code user_enter_tempsession}). */
	WELCOME,

	/**
	 * A rule handed the user to an agent ({@link RulePart.Agent}) outside the app's desk
	 * hours or while no agent has the app's desk open ({@link AgentPresence}): answers
	 * instead of that rule's own replies.
	 */
	AGENTS_OFFLINE

}
