package dev.kefu.rules.matching;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.kefu.rules.Keyword;
import dev.kefu.rules.Rule;
import dev.kefu.rules.Trigger;

/**
 * One app's enabled rules compiled for matching. Immutable and thread-safe: a change to
 * the rules compiles a new matcher, which replaces the old one in a single reference
 * swap.
 * <p>
 * Keyword rules win by priority (higher first), then by match mode (EXACT before CONTAINS
 * before REGEX), then by the longer keyword, then by the older rule; see
 * {@link KeywordIndex} for how that is found in time independent of the number of
 * keywords. Keywords and messages are compared in {@link Normalisation normal form}.
 * Rules outside their active period or business hours (read in the app's time zone) are
 * passed over.
 */
public final class RuleMatcher {

	static final Comparator<Rule> BY_AGE = Comparator
		.comparing(Rule::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Rule::id, Comparator.nullsFirst(Comparator.naturalOrder()));

	private static final Comparator<Rule> BY_PRIORITY = Comparator.comparingInt((Rule rule) -> -rule.priority());

	private final ZoneId zone;

	private final KeywordIndex keywords;

	private final List<Rule> keywordRules;

	private final Rule[] defaults;

	private final Rule[] welcomes;

	private final Rule[] unavailables;

	private RuleMatcher(Collection<Rule> rules, ZoneId zone, KeywordIndex.Prefiltering prefiltering) {
		this.zone = zone;
		List<Rule> enabled = rules.stream().filter(Rule::enabled).toList();
		this.keywordRules = enabled.stream().filter((rule) -> rule.trigger() == Trigger.KEYWORD).toList();
		this.keywords = new KeywordIndex(this.keywordRules, zone, prefiltering);
		this.defaults = enabled.stream()
			.filter((rule) -> rule.trigger() == Trigger.DEFAULT)
			.sorted(BY_PRIORITY.thenComparing(BY_AGE))
			.toArray(Rule[]::new);
		// A welcome for one particular button beats a general one of the same priority.
		this.welcomes = enabled.stream()
			.filter((rule) -> rule.trigger() == Trigger.WELCOME)
			.sorted(BY_PRIORITY.thenComparing((Rule rule) -> rule.sessionFrom() == null).thenComparing(BY_AGE))
			.toArray(Rule[]::new);
		this.unavailables = enabled.stream()
			.filter((rule) -> rule.trigger() == Trigger.AGENTS_OFFLINE)
			.sorted(BY_PRIORITY.thenComparing(BY_AGE))
			.toArray(Rule[]::new);
	}

	/**
	 * Compiles rules for one app. Disabled rules, blank keywords and regexes RE2/J
	 * rejects are left out (validation keeps them from being saved in the first place).
	 * @param rules the app's rules
	 * @param zone the app's time zone, in which business hours are read
	 */
	public static RuleMatcher compile(Collection<Rule> rules, ZoneId zone) {
		return new RuleMatcher(rules, zone, KeywordIndex.Prefiltering.FULL);
	}

	/**
	 * As {@link #compile}, with less of the regex prefilter: for the benchmark's
	 * comparison only.
	 */
	static RuleMatcher compile(Collection<Rule> rules, ZoneId zone, KeywordIndex.Prefiltering prefiltering) {
		return new RuleMatcher(rules, zone, prefiltering);
	}

	/** A matcher with no rules. */
	public static RuleMatcher empty(ZoneId zone) {
		return compile(List.of(), zone);
	}

	/** The number of keywords of enabled rules. */
	public int keywordCount() {
		return this.keywords.size();
	}

	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * The rule answering a user message at {@code now}: the best keyword rule for a text
	 * message, otherwise the best default rule. Cooldowns are not considered here.
	 */
	public Optional<Rule> answering(String msgType, String content, Instant now) {
		Rule rule = "text".equals(msgType) ? bestKeywordRule(content, now) : null;
		return Optional.ofNullable((rule != null) ? rule : first(this.defaults, null, now));
	}

	/** The keyword rule a text message matches at {@code now}. */
	public Optional<Rule> keywordRule(String content, Instant now) {
		return Optional.ofNullable(bestKeywordRule(content, now));
	}

	/** The default rule open at {@code now}. */
	public Optional<Rule> defaultRule(Instant now) {
		return Optional.ofNullable(first(this.defaults, null, now));
	}

	/**
	 * The welcome rule for an entry into the chat at {@code now} from the button with
	 * {@code sessionFrom} (nullable); a rule limited to that SessionFrom beats one for
	 * any entry of equal priority.
	 */
	public Optional<Rule> welcomeRule(String sessionFrom, Instant now) {
		return Optional.ofNullable(first(this.welcomes, sessionFrom, now));
	}

	/** The AGENTS_OFFLINE rule open at {@code now}. */
	public Optional<Rule> agentsUnavailableRule(Instant now) {
		return Optional.ofNullable(first(this.unavailables, null, now));
	}

	/**
	 * The keyword rule a text message matches at {@code now}, with the keyword that won
	 * it.
	 */
	public Optional<KeywordMatch> keywordMatch(String content, Instant now) {
		if (content == null || this.keywords.size() == 0) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.keywords.bestMatch(Normalisation.normalise(content), now));
	}

	/** The enabled keyword rules this matcher was compiled from. */
	public List<Rule> keywordRules() {
		return this.keywordRules;
	}

	/** The enabled DEFAULT rules, in the order they are tried. */
	public List<Rule> defaults() {
		return List.of(this.defaults);
	}

	/** The enabled WELCOME rules, in the order they are tried. */
	public List<Rule> welcomes() {
		return List.of(this.welcomes);
	}

	/** The enabled AGENTS_OFFLINE rules, in the order they are tried. */
	public List<Rule> agentsUnavailable() {
		return List.of(this.unavailables);
	}

	/** A keyword rule and the keyword of it that matched. */
	public record KeywordMatch(Rule rule, Keyword keyword) {
	}

	private Rule bestKeywordRule(String content, Instant now) {
		if (content == null || this.keywords.size() == 0) {
			return null;
		}
		return this.keywords.best(Normalisation.normalise(content), now);
	}

	private Rule first(Rule[] ordered, String sessionFrom, Instant now) {
		for (Rule rule : ordered) {
			if (rule.sessionFrom() != null && !rule.sessionFrom().equals(sessionFrom)) {
				continue;
			}
			if (!rule.timeBound() || rule.activeAt(now, this.zone)) {
				return rule;
			}
		}
		return null;
	}

}
