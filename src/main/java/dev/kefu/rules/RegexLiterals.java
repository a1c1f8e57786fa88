package dev.kefu.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds literal text a regular expression cannot match without: for each top-level alternative,
 * its longest run of plain characters that every match must contain. The matcher feeds these
 * into its Aho–Corasick pass, so a regex whose literals are absent from a message is never run;
 * that keeps the price of unmatched messages flat however many regex rules an app has.
 * <p>
 * Deliberately conservative: anything it does not fully understand (escapes it does not know,
 * quoting, unbalanced groups) gives no literals, which only means the regex is always tried.
 * Groups and classes are opaque. Literals are answered in normal form; one with letters that
 * have a case outside ASCII is not trusted, since RE2/J and our case folding could differ there.
 */
final class RegexLiterals {

	private RegexLiterals() {
	}

	/**
	 * Literals, one per top-level alternative, at least one of which occurs in any normalised text
	 * the regex matches; empty when there is no such guarantee.
	 */
	static Optional<List<String>> required(String regex) {
		List<String> literals = new ArrayList<>();
		for (String branch : topLevelBranches(regex)) {
			if (branch == null) {
				return Optional.empty();
			}
			String longest = longestRequiredRun(branch);
			if (longest == null || longest.isEmpty()) {
				return Optional.empty();
			}
			String normal = longest.toLowerCase(Locale.ROOT);
			if (!trusted(normal)) {
				return Optional.empty();
			}
			literals.add(normal);
		}
		return Optional.of(literals);
	}

	private static boolean trusted(String literal) {
		for (int i = 0; i < literal.length(); i++) {
			char c = literal.charAt(i);
			if (c >= 0x80 && (Character.toLowerCase(c) != c || Character.toUpperCase(c) != c)) {
				return false;
			}
		}
		return Normalisation.normalise(literal).equals(literal);
	}

	/** Splits at top-level {@code |}; a {@code null} element means the regex was not understood. */
	private static List<String> topLevelBranches(String regex) {
		List<String> branches = new ArrayList<>();
		int depth = 0;
		int start = 0;
		for (int i = 0; i < regex.length(); i++) {
			char c = regex.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '[') {
				i = classEnd(regex, i);
				if (i < 0) {
					branches.add(null);
					return branches;
				}
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if (c == '|' && depth == 0) {
				branches.add(regex.substring(start, i));
				start = i + 1;
			}
		}
		branches.add((depth == 0) ? regex.substring(start) : null);
		return branches;
	}

	/** The longest required literal run of a branch without top-level {@code |}, or null. */
	private static String longestRequiredRun(String branch) {
		List<String> runs = new ArrayList<>();
		StringBuilder run = new StringBuilder();
		boolean lastWasLiteral = false;
		boolean atomBefore = false;
		for (int i = 0; i < branch.length(); i++) {
			char c = branch.charAt(i);
			switch (c) {
				case '*', '?', '+', '{' -> {
					if (!atomBefore) {
						return null;
					}
					int end = (c == '{') ? repeatEnd(branch, i) : i;
					if (end < 0) {
						return null;
					}
					boolean optional = c == '*' || c == '?' || (c == '{' && branch.charAt(i + 1) == '0');
					if (lastWasLiteral && optional) {
						// The repeat applies to the whole code point, surrogate pairs included.
						int cut = run.length() - 1;
						if (cut > 0 && Character.isLowSurrogate(run.charAt(cut))
								&& Character.isHighSurrogate(run.charAt(cut - 1))) {
							cut--;
						}
						run.setLength(cut);
					}
					endRun(runs, run);
					i = end;
					if (i + 1 < branch.length() && branch.charAt(i + 1) == '?') {
						i++; // lazy
					}
					lastWasLiteral = false;
					atomBefore = false;
					continue;
				}
				case '\\' -> {
					if (i + 1 >= branch.length()) {
						return null;
					}
					char escaped = branch.charAt(++i);
					if (!Character.isLetterOrDigit(escaped)) {
						run.append(escaped);
						lastWasLiteral = true;
						atomBefore = true;
						continue;
					}
					switch (escaped) {
						case 'd', 'D', 'w', 'W', 's', 'S' -> atomBefore = true;
						case 'b', 'B', 'A', 'z' -> atomBefore = false;
						case 'p', 'P' -> {
							if (i + 1 < branch.length() && branch.charAt(i + 1) == '{') {
								i = branch.indexOf('}', i);
								if (i < 0) {
									return null;
								}
							}
							else {
								i++;
							}
							atomBefore = true;
						}
						default -> {
							return null;
						}
					}
				}
				case '[' -> {
					i = classEnd(branch, i);
					if (i < 0) {
						return null;
					}
					atomBefore = true;
				}
				case '(' -> {
					int end = groupEnd(branch, i);
					if (end < 0) {
						return null;
					}
					// "(?flags)" matches nothing; any other group is one opaque atom.
					atomBefore = !branch.substring(i, end + 1).matches("\\(\\?[a-zA-Z-]*\\)");
					i = end;
				}
				case '.' -> atomBefore = true;
				case '^', '$' -> atomBefore = false;
				case ')', ']', '}' -> {
					if (c == ')') {
						return null;
					}
					run.append(c);
					lastWasLiteral = true;
					atomBefore = true;
					continue;
				}
				default -> {
					run.append(c);
					lastWasLiteral = true;
					atomBefore = true;
					continue;
				}
			}
			endRun(runs, run);
			lastWasLiteral = false;
		}
		endRun(runs, run);
		String longest = null;
		for (String candidate : runs) {
			if (longest == null || candidate.length() > longest.length()) {
				longest = candidate;
			}
		}
		return longest;
	}

	private static void endRun(List<String> runs, StringBuilder run) {
		if (run.length() > 0) {
			runs.add(run.toString());
			run.setLength(0);
		}
	}

	/** The index where the counted repeat opened at {@code open} ends, or -1 if it is none. */
	private static int repeatEnd(String regex, int open) {
		int close = regex.indexOf('}', open);
		if (close < 0 || !regex.substring(open, close + 1).matches("\\{\\d+(,\\d*)?\\}")) {
			return -1;
		}
		return close;
	}

	/** The index where the character class opened at {@code open} ends, or -1. */
	private static int classEnd(String regex, int open) {
		int i = open + 1;
		if (i < regex.length() && regex.charAt(i) == '^') {
			i++;
		}
		if (i < regex.length() && regex.charAt(i) == ']') {
			i++;
		}
		for (; i < regex.length(); i++) {
			char c = regex.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
				int end = regex.indexOf(":]", i + 2);
				if (end < 0) {
					return -1;
				}
				i = end + 1;
			}
			else if (c == ']') {
				return i;
			}
		}
		return -1;
	}

	/** The index where the group opened at {@code open} ends, or -1. */
	private static int groupEnd(String regex, int open) {
		int depth = 0;
		for (int i = open; i < regex.length(); i++) {
			char c = regex.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '[') {
				i = classEnd(regex, i);
				if (i < 0) {
					return -1;
				}
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return i;
			}
		}
		return -1;
	}

}
