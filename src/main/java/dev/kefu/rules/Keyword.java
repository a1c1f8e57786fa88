package dev.kefu.rules;

import java.util.Objects;

/** One keyword of a rule, as the operator wrote it (matching normalises it). */
public record Keyword(String text, MatchMode match) {

	public Keyword {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(match, "match");
	}

}
