package dev.kefu.rules;

/**
 * How a keyword is compared with a message, both normalised (see
 * {@link dev.kefu.rules.matching.Normalisation}). The declaration order is the tie-break
 * order between equally important rules.
 */
public enum MatchMode {

	/** The whole message equals the keyword. */
	EXACT,

	/** The message contains the keyword. */
	CONTAINS,

	/**
	 * An RE2/J regular expression found anywhere in the message (anchor it with
	 * {@code ^…$} to match the whole message), case-insensitively.
	 */
	REGEX

}
