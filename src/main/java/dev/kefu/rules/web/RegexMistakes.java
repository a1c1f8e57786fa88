package dev.kefu.rules.web;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;

/**
 * A regular expression's mistake, as the rules module reports it
 * ({@code is not a valid RE2
 * regular expression: missing closing ) at character 3: `(元`}), in the operator's words:
 * what is wrong, at which character, with the part it is about.
 */
final class RegexMistakes {

	static final Pattern REASON = Pattern
		.compile("is not a valid RE2 regular expression: (.+?)(?: at character (\\d+))?(?:: `(.*)`)?", Pattern.DOTALL);

	/** RE2's descriptions → the message keys that say them plainly. */
	private static final Map<String, String> KEYS = Map.ofEntries(Map.entry("missing closing )", "missingParen"),
			Map.entry("unexpected )", "unexpectedParen"), Map.entry("missing closing ]", "missingBracket"),
			Map.entry("invalid nested repetition operator", "nestedRepeat"),
			Map.entry("invalid escape sequence", "badEscape"), Map.entry("invalid repeat count", "badCount"),
			Map.entry("invalid named capture", "badName"),
			Map.entry("trailing backslash at end of expression", "trailingBackslash"),
			Map.entry("invalid character class range", "badRange"), Map.entry("invalid character class", "badClass"),
			Map.entry("missing argument to repetition operator", "nothingToRepeat"),
			Map.entry("invalid or unsupported Perl syntax", "unsupported"),
			Map.entry("duplicate capture group name", "duplicateName"));

	private RegexMistakes() {
	}

	/**
	 * The mistake in words, or {@code null} when {@code reason} is not about a regular
	 * expression.
	 */
	static String describe(String reason, MessageSource messages, Locale locale) {
		Matcher mistake = REASON.matcher(reason);
		if (!mistake.matches()) {
			return null;
		}
		String description = mistake.group(1);
		String where = (mistake.group(2) != null)
				? messages.getMessage("rules.regex.position", new Object[] { mistake.group(2) }, locale) : "";
		String part = (mistake.group(3) != null) ? mistake.group(3) : "";
		String key = "rules.regex." + KEYS.getOrDefault(description, "other");
		String what = messages.getMessage(key, new Object[] { where, part, description }, locale);
		return messages.getMessage("rules.regex.wrong", new Object[] { what }, locale);
	}

}
