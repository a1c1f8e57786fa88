package dev.kefu.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * One app's enabled rules compiled for matching. Immutable and thread-safe: a change to the rules
 * compiles a new matcher, which replaces the old one in a single reference swap.
 * <p>
 * Every keyword of every enabled rule becomes a candidate, and the candidates are ranked once,
 * at compile time, in the order the rules are to win: higher priority first, then EXACT before
 * CONTAINS before REGEX, then the longer keyword, then the older rule. Matching then only has to
 * find the eligible candidate with the lowest rank: EXACT keywords by one hash lookup, CONTAINS
 * keywords by one Aho–Corasick pass over the message, and REGEX keywords (RE2/J, linear time)
 * only while they could still beat what was found, and only when the literals they require
 * occurred in that same pass.
 */
public final class RuleMatcher {

	private static final int NONE = Integer.MAX_VALUE;

	/** Regexes beyond this many are never skipped by their literals (the app limit is 100). */
	private static final int FILTER_BITS = 128;

	private static final Comparator<Rule> BY_AGE = Comparator
		.comparing(Rule::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Rule::id, Comparator.nullsFirst(Comparator.naturalOrder()));

	private final ZoneId zone;

	private final int keywordCount;

	private final Rule[] candidateRule;

	private final Map<String, int[]> exact;

	private final AhoCorasick automaton;

	private final int[][] containsRanks;

	private final long[] patternRegexLow;

	private final long[] patternRegexHigh;

	private final int firstContainsRank;

	private final int[] regexRank;

	private final Pattern[] regex;

	private final boolean[] regexFiltered;

	private final Rule[] defaults;

	private final Rule[] welcomes;

	private RuleMatcher(Compilation compilation) {
		this.zone = compilation.zone;
		this.keywordCount = compilation.candidates.size();
		this.candidateRule = compilation.candidates.stream().map(Candidate::rule).toArray(Rule[]::new);
		this.exact = compilation.exact;
		this.automaton = compilation.automaton;
		this.containsRanks = compilation.containsRanks;
		this.patternRegexLow = compilation.patternRegexLow;
		this.patternRegexHigh = compilation.patternRegexHigh;
		this.firstContainsRank = compilation.firstContainsRank;
		this.regexRank = compilation.regexRank;
		this.regex = compilation.regex;
		this.regexFiltered = compilation.regexFiltered;
		this.defaults = compilation.defaults;
		this.welcomes = compilation.welcomes;
	}

	/**
	 * Compiles rules for one app. Disabled rules, blank keywords and regexes RE2/J rejects are
	 * left out (validation keeps them from being saved in the first place).
	 * @param rules the app's rules
	 * @param zone the app's time zone, in which business hours are read
	 */
	public static RuleMatcher compile(Collection<Rule> rules, ZoneId zone) {
		return new RuleMatcher(new Compilation(rules, zone));
	}

	/** A matcher with no rules. */
	public static RuleMatcher empty(ZoneId zone) {
		return compile(List.of(), zone);
	}

	/** The number of keywords of enabled rules. */
	public int keywordCount() {
		return this.keywordCount;
	}

	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * The rule answering a user message at {@code now}: the best keyword rule for a text message,
	 * otherwise the best default rule. Cooldowns are not considered here.
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
	 * {@code sessionFrom} (nullable); a rule limited to that SessionFrom beats one for any entry of
	 * equal priority.
	 */
	public Optional<Rule> welcomeRule(String sessionFrom, Instant now) {
		return Optional.ofNullable(first(this.welcomes, sessionFrom, now));
	}

	private Rule bestKeywordRule(String content, Instant now) {
		if (content == null || this.keywordCount == 0) {
			return null;
		}
		String text = Normalisation.normalise(content);
		int best = NONE;
		int[] ranks = this.exact.get(text);
		if (ranks != null) {
			best = firstEligible(ranks, best, now);
		}
		long regexSeenLow = 0;
		long regexSeenHigh = 0;
		boolean regexMayWin = this.regexRank.length > 0 && this.regexRank[0] < best;
		if (this.automaton != null && (this.firstContainsRank < best || regexMayWin)) {
			int state = AhoCorasick.ROOT;
			for (int i = 0; i < text.length(); i++) {
				state = this.automaton.next(state, text.charAt(i));
				for (int hit = this.automaton.firstHit(state); hit >= 0; hit = this.automaton.nextHit(hit)) {
					int pattern = this.automaton.pattern(hit);
					best = firstEligible(this.containsRanks[pattern], best, now);
					regexSeenLow |= this.patternRegexLow[pattern];
					regexSeenHigh |= this.patternRegexHigh[pattern];
				}
			}
		}
		for (int i = 0; i < this.regexRank.length && this.regexRank[i] < best; i++) {
			if (this.regexFiltered[i] && !seen(i, regexSeenLow, regexSeenHigh)) {
				continue;
			}
			if (eligible(this.regexRank[i], now) && this.regex[i].matcher(text).find()) {
				best = this.regexRank[i];
			}
		}
		return (best != NONE) ? this.candidateRule[best] : null;
	}

	private static boolean seen(int regexIndex, long low, long high) {
		return (regexIndex < 64) ? (low & (1L << regexIndex)) != 0 : (high & (1L << (regexIndex - 64))) != 0;
	}

	/** The lowest eligible rank in {@code ranks} (ascending) below {@code best}, else best. */
	private int firstEligible(int[] ranks, int best, Instant now) {
		for (int rank : ranks) {
			if (rank >= best) {
				return best;
			}
			if (eligible(rank, now)) {
				return rank;
			}
		}
		return best;
	}

	private boolean eligible(int rank, Instant now) {
		Rule rule = this.candidateRule[rank];
		return !rule.timeBound() || rule.activeAt(now, this.zone);
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

	private record Candidate(Rule rule, MatchMode mode, String text, int position) {
	}

	/** The work of compiling, kept apart so the matcher's fields can all be final. */
	private static final class Compilation {

		private static final Comparator<Candidate> RANKING = Comparator
			.comparingInt((Candidate candidate) -> -candidate.rule().priority())
			.thenComparing(Candidate::mode)
			.thenComparingInt((candidate) -> -candidate.text().length())
			.thenComparing(Candidate::rule, BY_AGE)
			.thenComparingInt(Candidate::position);

		private final ZoneId zone;

		private final List<Candidate> candidates = new ArrayList<>();

		private final Map<String, int[]> exact = new HashMap<>();

		private AhoCorasick automaton;

		private int[][] containsRanks = new int[0][];

		private long[] patternRegexLow;

		private long[] patternRegexHigh;

		private int firstContainsRank = NONE;

		private int[] regexRank;

		private Pattern[] regex;

		private boolean[] regexFiltered;

		private final Rule[] defaults;

		private final Rule[] welcomes;

		Compilation(Collection<Rule> rules, ZoneId zone) {
			this.zone = zone;
			List<Rule> enabled = rules.stream().filter(Rule::enabled).toList();
			for (Rule rule : enabled) {
				if (rule.trigger() == Trigger.KEYWORD) {
					addCandidates(rule);
				}
			}
			this.candidates.sort(RANKING);
			this.defaults = enabled.stream()
				.filter((rule) -> rule.trigger() == Trigger.DEFAULT)
				.sorted(Comparator.comparingInt((Rule rule) -> -rule.priority()).thenComparing(BY_AGE))
				.toArray(Rule[]::new);
			this.welcomes = enabled.stream()
				.filter((rule) -> rule.trigger() == Trigger.WELCOME)
				.sorted(Comparator.comparingInt((Rule rule) -> -rule.priority())
					.thenComparing((Rule rule) -> rule.sessionFrom() == null)
					.thenComparing(BY_AGE))
				.toArray(Rule[]::new);
			index();
		}

		private void addCandidates(Rule rule) {
			List<Keyword> keywords = rule.keywords();
			for (int position = 0; position < keywords.size(); position++) {
				Keyword keyword = keywords.get(position);
				String text = (keyword.match() == MatchMode.REGEX) ? keyword.text()
						: Normalisation.normalise(keyword.text());
				if (!text.isBlank()) {
					this.candidates.add(new Candidate(rule, keyword.match(), text, position));
				}
			}
		}

		private void index() {
			AhoCorasick.Builder builder = new AhoCorasick.Builder();
			List<int[]> containsByPattern = new ArrayList<>();
			List<Integer> regexRanks = new ArrayList<>();
			List<Pattern> regexes = new ArrayList<>();
			for (int rank = 0; rank < this.candidates.size(); rank++) {
				Candidate candidate = this.candidates.get(rank);
				switch (candidate.mode()) {
					case EXACT -> this.exact.merge(candidate.text(), new int[] { rank }, RuleMatcher::concat);
					case CONTAINS -> {
						int pattern = builder.add(candidate.text());
						if (pattern == containsByPattern.size()) {
							containsByPattern.add(new int[0]);
						}
						containsByPattern.set(pattern, concat(containsByPattern.get(pattern), new int[] { rank }));
						this.firstContainsRank = Math.min(this.firstContainsRank, rank);
					}
					case REGEX -> {
						try {
							regexes.add(Pattern.compile(candidate.text(), Pattern.CASE_INSENSITIVE));
							regexRanks.add(rank);
						}
						catch (PatternSyntaxException ex) {
							// Validation refuses these; a rule saved before a stricter check is skipped.
						}
					}
				}
			}
			this.regex = regexes.toArray(Pattern[]::new);
			this.regexRank = regexRanks.stream().mapToInt(Integer::intValue).toArray();
			this.regexFiltered = new boolean[this.regex.length];
			List<int[]> literalPatterns = new ArrayList<>();
			for (int i = 0; i < Math.min(this.regex.length, FILTER_BITS); i++) {
				Optional<List<String>> literals = RegexLiterals.required(this.regex[i].pattern());
				if (literals.isPresent()) {
					this.regexFiltered[i] = true;
					for (String literal : literals.get()) {
						literalPatterns.add(new int[] { builder.add(literal), i });
					}
				}
			}
			int patterns = builder.patternCount();
			this.automaton = (patterns > 0) ? builder.build() : null;
			this.containsRanks = new int[patterns][];
			for (int pattern = 0; pattern < patterns; pattern++) {
				this.containsRanks[pattern] = (pattern < containsByPattern.size()) ? containsByPattern.get(pattern)
						: new int[0];
			}
			this.patternRegexLow = new long[patterns];
			this.patternRegexHigh = new long[patterns];
			for (int[] literal : literalPatterns) {
				int bit = literal[1];
				if (bit < 64) {
					this.patternRegexLow[literal[0]] |= 1L << bit;
				}
				else {
					this.patternRegexHigh[literal[0]] |= 1L << (bit - 64);
				}
			}
		}

	}

	private static int[] concat(int[] first, int[] second) {
		int[] joined = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}

}
