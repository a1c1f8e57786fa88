package dev.kefu.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.kefu.rules.matching.RuleMatcher;
import dev.kefu.rules.matching.KeywordIndex;
import dev.kefu.rules.matching.Normalisation;

/**
 * Finds what of a rule can never answer, with the app's compiled matcher and its own
 * ranking: only what another enabled rule without an active period or business hours (so
 * always active) wins on every message where the rule would answer is reported, never a
 * guess.
 * <ul>
 * <li>a DEFAULT rule behind another DEFAULT rule;</li>
 * <li>a WELCOME rule behind another for the same entries (any button, or this one's
 * SessionFrom);</li>
 * <li>an EXACT keyword that another rule's keyword wins for that very text;</li>
 * <li>a CONTAINS keyword that a CONTAINS keyword of a rule with a higher priority, found
 * inside it, wins on every message containing it.</li>
 * </ul>
 * REGEX keywords are not judged. A disabled rule is not judged: it answers nothing on
 * purpose.
 */
final class RuleShadows {

	private RuleShadows() {
	}

	static List<Shadow> of(Rule rule, RuleMatcher matcher) {
		if (!rule.enabled()) {
			return List.of();
		}
		return switch (rule.trigger()) {
			case DEFAULT -> behind(rule, matcher.defaults(), false);
			case WELCOME -> behind(rule, matcher.welcomes(), true);
			case KEYWORD -> keywords(rule, matcher);
			case AGENTS_OFFLINE -> behind(rule, matcher.agentsUnavailable(), false);
		};
	}

	/**
	 * The first always-active rule ordered before {@code rule}, if it answers all that
	 * {@code rule} would.
	 */
	private static List<Shadow> behind(Rule rule, List<Rule> ordered, boolean welcome) {
		for (Rule other : ordered) {
			if (other.id().equals(rule.id())) {
				return List.of();
			}
			boolean coversAll = !welcome || other.sessionFrom() == null
					|| other.sessionFrom().equals(rule.sessionFrom());
			if (!other.timeBound() && coversAll) {
				return List.of(new Shadow(null, other, Precedence.ofRules(rule, other)));
			}
		}
		return List.of();
	}

	private static List<Shadow> keywords(Rule rule, RuleMatcher matcher) {
		List<Rule> contenders = new ArrayList<>();
		for (Rule other : matcher.keywordRules()) {
			if (!other.timeBound() && !other.id().equals(rule.id())) {
				contenders.add(other);
			}
		}
		if (contenders.isEmpty()) {
			return List.of();
		}
		// the rule itself as if always active: what it loses then, it loses always
		contenders
			.add(new Rule(rule.id(), rule.appId(), rule.name(), rule.trigger(), rule.priority(), true, rule.replyMode(),
					rule.keywords(), rule.replies(), null, null, null, null, null, rule.createdAt(), rule.updatedAt()));
		KeywordIndex index = new KeywordIndex(contenders, matcher.zone());
		List<Shadow> shadows = new ArrayList<>();
		for (Keyword keyword : rule.keywords()) {
			if (keyword.match() == MatchMode.REGEX) {
				continue;
			}
			String text = Normalisation.normalise(keyword.text());
			RuleMatcher.KeywordMatch best = text.isBlank() ? null : index.bestMatch(text, Instant.EPOCH);
			if (best == null || best.rule().id().equals(rule.id())) {
				continue;
			}
			// an EXACT keyword answers this text only; a CONTAINS keyword answers every
			// text
			// containing it, which a CONTAINS keyword found inside it matches too, at the
			// same rank
			boolean always = keyword.match() == MatchMode.EXACT || best.keyword().match() == MatchMode.CONTAINS;
			if (always) {
				shadows.add(new Shadow(keyword, best.rule(),
						Precedence.ofKeywords(rule, keyword, best.rule(), best.keyword())));
			}
		}
		return shadows;
	}

}
