package dev.kefu.rules;

/** When a rule answers. */
public enum Trigger {

	/** A text message matched one of the rule's keywords. */
	KEYWORD,

	/** A user message no keyword rule matched, including images and mini program cards. */
	DEFAULT,

	/** The user entered the chat ({@code user_enter_tempsession}). */
	WELCOME

}
