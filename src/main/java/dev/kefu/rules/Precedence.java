package dev.kefu.rules;

import java.util.Objects;

import dev.kefu.rules.matching.Normalisation;

/**
 * Why one rule answers where another could have: the matcher's own order (see
 * {@link dev.kefu.rules.matching.RuleMatcher}), named, so the console can say why a rule
 * lost.
 */
public enum Precedence {

	/** The other rule is outside its active period or business hours at the time. */
	INACTIVE,

	/** The winner has a higher priority. */
	HIGHER_PRIORITY,

	/**
	 * Same priority; the winner's keyword matches more strictly (EXACT, then CONTAINS,
	 * then REGEX).
	 */
	STRICTER_MATCH,

	/** Same priority and match mode; the winner's keyword is longer. */
	LONGER_KEYWORD,

	/** Same priority (and as good a keyword); the winner is the older rule. */
	OLDER,

	/**
	 * Same priority; the winner welcomes entries from this button (its SessionFrom), the
	 * other any entry.
	 */
	SESSION_FROM,

	/** The welcome is for entries from another button (SessionFrom). */
	OTHER_SESSION_FROM,

	/** Another keyword of the same rule answers. */
	SAME_RULE;

	/**
	 * Why {@code winner}'s keyword beats {@code loser}'s when both match and both rules
	 * are active, in the order of {@link dev.kefu.rules.matching.KeywordIndex}'s ranking.
	 */
	static Precedence ofKeywords(Rule loser, Keyword loserKeyword, Rule winner, Keyword winnerKeyword) {
		if (Objects.equals(loser.id(), winner.id())) {
			return SAME_RULE;
		}
		if (winner.priority() != loser.priority()) {
			return HIGHER_PRIORITY;
		}
		if (winnerKeyword.match() != loserKeyword.match()) {
			return STRICTER_MATCH;
		}
		if (length(winnerKeyword) != length(loserKeyword)) {
			return LONGER_KEYWORD;
		}
		return OLDER;
	}

	/**
	 * Why {@code winner} answers before {@code loser}, two DEFAULT or two WELCOME rules
	 * that are both active.
	 */
	static Precedence ofRules(Rule loser, Rule winner) {
		if (winner.priority() != loser.priority()) {
			return HIGHER_PRIORITY;
		}
		if (winner.sessionFrom() != null && loser.sessionFrom() == null) {
			return SESSION_FROM;
		}
		return OLDER;
	}

	/** A keyword's length as the ranking counts it: normal form, a regex as written. */
	private static int length(Keyword keyword) {
		return (keyword.match() == MatchMode.REGEX) ? keyword.text().length()
				: Normalisation.normalise(keyword.text()).length();
	}

}
