package dev.kefu.rules.matching;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.kefu.rules.Keyword;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.Rule;

/**
 * Every keyword of an app's enabled KEYWORD rules, ranked once at compile time in the
 * order they are to win (see {@link Candidate#compareTo}), so matching only has to find
 * the eligible candidate with the lowest rank: EXACT keywords by one hash lookup,
 * CONTAINS keywords by one Aho–Corasick pass over the message, and REGEX keywords (RE2/J,
 * linear time) only while they could still beat what was found and only where their
 * {@link RegexPrefilter} allows.
 */
public final class KeywordIndex {

	static final int NONE = Integer.MAX_VALUE;

	/**
	 * Regexes beyond this many are never skipped by their literals (the app limit is
	 * 100).
	 */
	private static final int LITERAL_BITS = 128;

	private final ZoneId zone;

	private final Rule[] ruleOfRank;

	private final Keyword[] keywordOfRank;

	/** Bit per rank: its rule has an active period or business hours. */
	private final long[] timeBound;

	private final ExactIndex exact;

	private final AhoCorasick automaton;

	/**
	 * Per pattern: its only CONTAINS rank when it has one and ends no regex literal, else
	 * -1.
	 */
	private final int[] singleRank;

	private final int[][] containsRanks;

	private final long[] regexLiteralLow;

	private final long[] regexLiteralHigh;

	private final int firstContainsRank;

	private final int[] regexRank;

	private final Pattern[] regex;

	private final RegexPrefilter[] prefilter;

	private final boolean[] needsLiteral;

	public KeywordIndex(List<Rule> keywordRules, ZoneId zone) {
		this(keywordRules, zone, Prefiltering.FULL);
	}

	/**
	 * How much of each regex's {@link RegexPrefilter} is used: all of it but to measure
	 * what it saves.
	 */
	enum Prefiltering {

		/**
		 * Its required literals and the shape (first char, length) of what it matches.
		 */
		FULL,

		/** Its required literals only. */
		LITERALS,

		/** None: every regex is tried on RE2/J. */
		NONE

	}

	KeywordIndex(List<Rule> keywordRules, ZoneId zone, Prefiltering prefiltering) {
		this.zone = zone;
		List<Candidate> candidates = new ArrayList<>();
		for (Rule rule : keywordRules) {
			Candidate.addAll(rule, candidates);
		}
		Collections.sort(candidates);
		int count = candidates.size();
		this.ruleOfRank = new Rule[count];
		this.keywordOfRank = new Keyword[count];
		this.timeBound = new long[(count >> 6) + 1];
		String[] exactTexts = new String[count];
		int[] patternOfRank = new int[count];
		int[] ranksOfPattern = new int[count + 1];
		int firstContains = NONE;
		AhoCorasick.Builder builder = new AhoCorasick.Builder();
		List<Pattern> regexes = new ArrayList<>();
		List<Integer> regexRanks = new ArrayList<>();
		for (int rank = 0; rank < count; rank++) {
			Candidate candidate = candidates.get(rank);
			this.ruleOfRank[rank] = candidate.rule();
			this.keywordOfRank[rank] = candidate.rule().keywords().get(candidate.position());
			if (candidate.rule().timeBound()) {
				this.timeBound[rank >> 6] |= 1L << rank;
			}
			patternOfRank[rank] = -1;
			switch (candidate.mode()) {
				case EXACT -> exactTexts[rank] = candidate.text();
				case CONTAINS -> {
					patternOfRank[rank] = builder.add(candidate.text());
					ranksOfPattern[patternOfRank[rank]]++;
					firstContains = Math.min(firstContains, rank);
				}
				case REGEX -> {
					try {
						regexes.add(Pattern.compile(candidate.text(), Pattern.CASE_INSENSITIVE));
						regexRanks.add(rank);
					}
					catch (PatternSyntaxException ex) {
						// Validation refuses these; a rule saved before a stricter check
						// is skipped.
					}
				}
			}
		}
		this.exact = new ExactIndex(exactTexts);
		this.firstContainsRank = firstContains;
		this.regex = regexes.toArray(Pattern[]::new);
		this.regexRank = regexRanks.stream().mapToInt(Integer::intValue).toArray();
		this.prefilter = new RegexPrefilter[this.regex.length];
		this.needsLiteral = new boolean[this.regex.length];
		int containsPatterns = builder.patternCount();
		List<int[]> literalOfRegex = new ArrayList<>();
		for (int i = 0; i < this.regex.length; i++) {
			this.prefilter[i] = switch (prefiltering) {
				case FULL -> RegexPrefilter.of(this.regex[i].pattern());
				case LITERALS -> RegexPrefilter.of(this.regex[i].pattern()).literalsOnly();
				case NONE -> RegexPrefilter.NONE;
			};
			if (this.prefilter[i].literals() != null && i < LITERAL_BITS) {
				this.needsLiteral[i] = true;
				for (String literal : this.prefilter[i].literals()) {
					literalOfRegex.add(new int[] { builder.add(literal), i });
				}
			}
		}
		int patterns = builder.patternCount();
		this.automaton = (patterns > 0) ? builder.build() : null;
		this.containsRanks = new int[patterns][];
		for (int pattern = 0; pattern < patterns; pattern++) {
			// Patterns past the CONTAINS keywords' are regex literals only, and can
			// outnumber the
			// ranks (one regex may add several), so ranksOfPattern has no slot for them.
			boolean contains = pattern < containsPatterns;
			this.containsRanks[pattern] = new int[contains ? ranksOfPattern[pattern] : 0];
			if (contains) {
				ranksOfPattern[pattern] = 0;
			}
		}
		for (int rank = 0; rank < count; rank++) {
			int pattern = patternOfRank[rank];
			if (pattern >= 0) {
				this.containsRanks[pattern][ranksOfPattern[pattern]++] = rank;
			}
		}
		this.regexLiteralLow = new long[patterns];
		this.regexLiteralHigh = new long[patterns];
		for (int[] literal : literalOfRegex) {
			if (literal[1] < 64) {
				this.regexLiteralLow[literal[0]] |= 1L << literal[1];
			}
			else {
				this.regexLiteralHigh[literal[0]] |= 1L << literal[1];
			}
		}
		this.singleRank = new int[patterns];
		for (int pattern = 0; pattern < patterns; pattern++) {
			boolean plain = this.containsRanks[pattern].length == 1 && this.regexLiteralLow[pattern] == 0
					&& this.regexLiteralHigh[pattern] == 0;
			this.singleRank[pattern] = plain ? this.containsRanks[pattern][0] : -1;
		}
	}

	int size() {
		return this.ruleOfRank.length;
	}

	/** The best rule for a normalised text at {@code now}, or {@code null}. */
	public Rule best(String text, Instant now) {
		int best = bestRank(text, now);
		return (best != NONE) ? this.ruleOfRank[best] : null;
	}

	/**
	 * The best rule for a normalised text at {@code now} and its keyword that won, or
	 * {@code null}.
	 */
	public RuleMatcher.KeywordMatch bestMatch(String text, Instant now) {
		int best = bestRank(text, now);
		return (best != NONE) ? new RuleMatcher.KeywordMatch(this.ruleOfRank[best], this.keywordOfRank[best]) : null;
	}

	private int bestRank(String text, Instant now) {
		int best = NONE;
		int slot = this.exact.slot(text);
		if (slot >= 0) {
			int rank = this.exact.rank(slot);
			best = (rank < 0) ? firstEligible(this.exact.shared(slot), best, now) : eligible(rank, now) ? rank : best;
		}
		long literalsLow = 0;
		long literalsHigh = 0;
		boolean regexMayWin = this.regexRank.length > 0 && this.regexRank[0] < best;
		if (this.automaton != null && (this.firstContainsRank < best || regexMayWin)) {
			int state = AhoCorasick.ROOT;
			for (int i = 0; i < text.length(); i++) {
				state = this.automaton.next(state, text.charAt(i));
				if (!AhoCorasick.hasHit(state)) {
					continue;
				}
				for (int hit = this.automaton.firstHit(state); hit >= 0; hit = this.automaton.nextHit(hit)) {
					int pattern = this.automaton.pattern(hit);
					int single = this.singleRank[pattern];
					if (single >= 0) {
						if (single < best && eligible(single, now)) {
							best = single;
						}
						continue;
					}
					best = firstEligible(this.containsRanks[pattern], best, now);
					literalsLow |= this.regexLiteralLow[pattern];
					literalsHigh |= this.regexLiteralHigh[pattern];
				}
			}
		}
		for (int i = 0; i < this.regexRank.length && this.regexRank[i] < best; i++) {
			if (this.needsLiteral[i] && ((i < 64) ? (literalsLow & (1L << i)) : (literalsHigh & (1L << i))) == 0) {
				continue;
			}
			if (this.prefilter[i].mayMatch(text) && eligible(this.regexRank[i], now)
					&& this.regex[i].matcher(text).find()) {
				best = this.regexRank[i];
			}
		}
		return best;
	}

	/**
	 * The lowest eligible rank in {@code ranks} (ascending) below {@code best}, else
	 * best.
	 */
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
		return (this.timeBound[rank >> 6] & (1L << rank)) == 0 || this.ruleOfRank[rank].activeAt(now, this.zone);
	}

	/** One keyword of one enabled rule. */
	private record Candidate(Rule rule, MatchMode mode, String text, int position,
			long createdAt) implements Comparable<Candidate> {

		static void addAll(Rule rule, List<Candidate> candidates) {
			long createdAt = (rule.createdAt() != null) ? rule.createdAt().toEpochMilli() : Long.MIN_VALUE;
			List<Keyword> keywords = rule.keywords();
			for (int position = 0; position < keywords.size(); position++) {
				Keyword keyword = keywords.get(position);
				String text = (keyword.match() == MatchMode.REGEX) ? keyword.text()
						: Normalisation.normalise(keyword.text());
				if (!text.isBlank()) {
					candidates.add(new Candidate(rule, keyword.match(), text, position, createdAt));
				}
			}
		}

		/**
		 * Higher priority first, then EXACT before CONTAINS before REGEX, then the longer
		 * keyword, then the older rule (and, for a total order, the smaller id and the
		 * earlier keyword). Written out rather than chained comparators: sorting 200,000
		 * candidates is a good part of a rebuild.
		 */
		@Override
		public int compareTo(Candidate other) {
			int order = Integer.compare(other.rule.priority(), this.rule.priority());
			if (order == 0) {
				order = this.mode.compareTo(other.mode);
			}
			if (order == 0) {
				order = Integer.compare(other.text.length(), this.text.length());
			}
			if (order == 0) {
				order = Long.compare(this.createdAt, other.createdAt);
			}
			if (order == 0 && this.rule != other.rule) {
				order = RuleMatcher.BY_AGE.compare(this.rule, other.rule);
			}
			return (order != 0) ? order : Integer.compare(this.position, other.position);
		}

	}

}
