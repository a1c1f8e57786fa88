package dev.kefu.rules.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.kefu.rules.RuleRejectedException.InvalidField;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidFormatException;

import org.springframework.context.MessageSource;

/**
 * What is wrong with an import, in the operator's words and naming where: the line and
 * column of a JSON mistake (never the parser's own text), the field whose value does not
 * fit, and for each refused rule the legacy map's key (or the export's rule number) and
 * field, with the rules module's reason put plainly.
 */
final class ImportMistakes {

	/**
	 * {@code ["key"].field} (the legacy map) or {@code [3].field} (an export's fourth
	 * rule).
	 */
	private static final Pattern ENTRY = Pattern.compile("\\[(?:\"(.*)\"|(\\d+))\\](?:\\.(.+))?", Pattern.DOTALL);

	/**
	 * A field of an exported rule: {@code replies[1].url}, {@code keywords[0].text},
	 * {@code name}.
	 */
	private static final Pattern RULE_FIELD = Pattern
		.compile("(replies|keywords)\\[(\\d+)](?:\\.(\\w+))?|(\\w+)(?:\\.\\w+)*");

	private ImportMistakes() {
	}

	/** What a JSON text or value the import could not read is wrong with. */
	static String json(JacksonException ex, MessageSource messages, Locale locale) {
		TokenStreamLocation at = ex.getLocation();
		boolean located = at != null && at.getLineNr() > 0;
		Object[] where = located ? new Object[] { at.getLineNr(), at.getColumnNr() } : null;
		if (ex instanceof StreamReadException && located) {
			return messages.getMessage((ex instanceof UnexpectedEndOfInputException) ? "rules.import.error.jsonEnds"
					: "rules.import.error.jsonSyntax", where, locale);
		}
		String property = ex.getPath()
			.stream()
			.map(JacksonException.Reference::getPropertyName)
			.filter((name) -> name != null)
			.reduce((first, second) -> second)
			.orElse(null);
		if (property != null) {
			Object value = (ex instanceof InvalidFormatException invalid) ? invalid.getValue() : null;
			return (value != null)
					? messages.getMessage("rules.import.error.badValue", new Object[] { property, value }, locale)
					: messages.getMessage("rules.import.error.badField", new Object[] { property }, locale);
		}
		return located ? messages.getMessage("rules.import.error.jsonSyntax", where, locale)
				: messages.getMessage("rules.import.error.unreadable", null, locale);
	}

	/**
	 * What a value of the {@code index}th rule (from 0) of an export is wrong with,
	 * naming the rule: the rule number, then {@link #json}.
	 */
	static String json(int index, JacksonException ex, MessageSource messages, Locale locale) {
		String where = messages.getMessage("rules.import.error.rule", new Object[] { index + 1 }, locale);
		return messages.getMessage("rules.import.error.at", new Object[] { where, json(ex, messages, locale) }, locale);
	}

	/**
	 * Every refused field, one per line: where (the legacy key and the entry's own field,
	 * or the export's rule number and the field as the editor labels it), then why.
	 */
	static String fields(List<InvalidField> fields, MessageSource messages, Locale locale) {
		return fields.stream().map((field) -> {
			String why = RuleForms.reason(field.reason(), messages, locale);
			Matcher entry = ENTRY.matcher(field.field());
			if (!entry.matches()) {
				return messages.getMessage("rules.import.error.at", new Object[] { field.field(), why }, locale);
			}
			boolean legacy = entry.group(1) != null;
			Object which = legacy ? entry.group(1) : Integer.parseInt(entry.group(2)) + 1;
			String code = "rules.import.error." + (legacy ? "key" : "rule") + ((entry.group(3) != null) ? "Field" : "");
			String named = (entry.group(3) == null || legacy) ? entry.group(3)
					: label(entry.group(3), messages, locale);
			String where = messages.getMessage(code, new Object[] { which, named }, locale);
			return messages.getMessage("rules.import.error.at", new Object[] { where, why }, locale);
		}).collect(Collectors.joining("\n"));
	}

	/**
	 * A field of an exported rule as the editor labels it: {@code replies[1].url} is "回复
	 * 2 · 链接", {@code keywords[0].text} "关键词 1", {@code name} "名称"; a field without a
	 * label stays as it is.
	 */
	static String label(String field, MessageSource messages, Locale locale) {
		Matcher parts = RULE_FIELD.matcher(field);
		if (!parts.matches()) {
			return field;
		}
		if (parts.group(4) != null) {
			return messages.getMessage("rules." + parts.group(4), null, field, locale);
		}
		int number = Integer.parseInt(parts.group(2)) + 1;
		if ("keywords".equals(parts.group(1))) {
			return messages.getMessage("rules.import.error.keywordNumber", new Object[] { number }, locale);
		}
		String reply = messages.getMessage("rules.diff.reply", new Object[] { number }, locale);
		return (parts.group(3) == null) ? reply : reply + " · "
				+ messages.getMessage("rules.diff.reply." + parts.group(3), null, parts.group(3), locale);
	}

}
