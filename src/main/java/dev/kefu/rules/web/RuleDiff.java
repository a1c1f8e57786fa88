package dev.kefu.rules.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.Hours;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;

/**
 * Two versions of a rule compared field by field, in the operator's language: one row per
 * field that differs (each reply's fields on rows of their own), the value before and
 * after as the editor names them. A rule that did not exist on one side ({@code null})
 * shows every field the other side has. Used by the version history and the import's
 * preview.
 * <p>
 * A reply field this class does not know (one added to the rules later) still shows,
 * under its own name, so no change goes unseen.
 */
final class RuleDiff {

	/**
	 * One field that differs.
	 *
	 * @param field what it is, e.g. "名称" or "回复 2 · 链接"
	 * @param before the value before; empty when there was none
	 * @param after the value after; empty when there is none
	 */
	record Row(String field, String before, String after) {
	}

	/**
	 * The reply fields in the order the editor shows them; others follow in their own
	 * order.
	 */
	private static final List<String> REPLY_FIELDS = List.of("type", "content", "title", "description", "url",
			"thumbUrl", "assetId", "pagePath", "thumbAssetId");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MessageSource messages;

	private final Locale locale;

	private final ZoneId zone;

	/**
	 * @param zone the app's time zone, in which active periods are shown
	 */
	RuleDiff(MessageSource messages, Locale locale, ZoneId zone) {
		this.messages = messages;
		this.locale = locale;
		this.zone = zone;
	}

	/**
	 * The fields that differ between {@code before} and {@code after}; either may be
	 * {@code null}.
	 */
	List<Row> between(RuleDocument before, RuleDocument after) {
		List<Row> rows = new ArrayList<>();
		field(rows, "rules.name", before, after, RuleDocument::name, (name) -> name);
		field(rows, "rules.trigger", before, after, RuleDocument::trigger, (trigger) -> t("rules.trigger." + trigger));
		field(rows, "rules.changed.enabled", before, after, (rule) -> !Boolean.FALSE.equals(rule.enabled()),
				(on) -> t(on ? "common.enabled" : "common.disabled"));
		field(rows, "rules.priority", before, after, (rule) -> (rule.priority() != null) ? rule.priority() : 0,
				String::valueOf);
		field(rows, "rules.replyMode", before, after, RuleDocument::replyMode, (mode) -> t("rules.replyMode." + mode));
		field(rows, "rules.keywords", before, after, (rule) -> emptyToNull(rule.keywords()), this::keywords);
		replies(rows, (before != null) ? before.replies() : null, (after != null) ? after.replies() : null);
		field(rows, "rules.activeFrom", before, after, RuleDocument::activeFrom, this::when);
		field(rows, "rules.activeUntil", before, after, RuleDocument::activeUntil, this::when);
		field(rows, "rules.businessHours", before, after, RuleDocument::businessHours, this::hours);
		field(rows, "rules.sessionFrom", before, after, RuleDocument::sessionFrom, (from) -> from);
		field(rows, "rules.cooldown", before, after, RuleDocument::cooldown, this::minutes);
		return rows;
	}

	private <T> void field(List<Row> rows, String label, RuleDocument before, RuleDocument after,
			Function<RuleDocument, T> value, Function<T, String> shown) {
		T old = (before != null) ? value.apply(before) : null;
		T now = (after != null) ? value.apply(after) : null;
		if (!Objects.equals(old, now)) {
			rows.add(new Row(t(label), (old != null) ? shown.apply(old) : "", (now != null) ? shown.apply(now) : ""));
		}
	}

	/** Reply by reply: each field that differs, under "回复 n · field". */
	private void replies(List<Row> rows, List<ReplyItem> before, List<ReplyItem> after) {
		int count = Math.max(size(before), size(after));
		for (int i = 0; i < count; i++) {
			Map<String, String> old = fields((i < size(before)) ? before.get(i) : null);
			Map<String, String> now = fields((i < size(after)) ? after.get(i) : null);
			Set<String> names = new LinkedHashSet<>();
			REPLY_FIELDS.stream().filter((name) -> old.containsKey(name) || now.containsKey(name)).forEach(names::add);
			names.addAll(old.keySet());
			names.addAll(now.keySet());
			for (String name : names) {
				String a = old.get(name);
				String b = now.get(name);
				if (!Objects.equals(a, b)) {
					String label = t("rules.diff.reply", i + 1) + " · "
							+ this.messages.getMessage("rules.diff.reply." + name, null, name, this.locale);
					rows.add(new Row(label, shownReplyField(name, a), shownReplyField(name, b)));
				}
			}
		}
	}

	/**
	 * A reply's fields that are set, as text, from its JSON form (so fields added later
	 * show too).
	 */
	private static Map<String, String> fields(ReplyItem reply) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		if (reply == null) {
			return fields;
		}
		JsonNode node = JSON.valueToTree(reply);
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			JsonNode value = field.getValue();
			if (value != null && !value.isNull()) {
				fields.put(field.getKey(), value.isValueNode() ? value.asString() : value.toString());
			}
		}
		return fields;
	}

	private String shownReplyField(String name, String value) {
		if (value == null) {
			return "";
		}
		if ("type".equals(name)) {
			return this.messages.getMessage("rules.type." + value, null, value, this.locale);
		}
		if ("true".equals(value) || "false".equals(value)) {
			return t(Boolean.parseBoolean(value) ? "common.yes" : "common.no");
		}
		return value;
	}

	private String keywords(List<KeywordItem> keywords) {
		List<String> shown = new ArrayList<>();
		for (KeywordItem keyword : keywords) {
			shown.add(keyword.text() + " (" + ((keyword.match() != null) ? t("rules.match." + keyword.match()) : "?")
					+ ")");
		}
		return String.join(separator(), shown);
	}

	private String when(Instant instant) {
		return WHEN.format(instant.atZone(this.zone));
	}

	private String hours(Hours hours) {
		List<String> days = new ArrayList<>();
		if (hours.days() != null) {
			hours.days().stream().sorted().map((DayOfWeek day) -> t("day." + day)).forEach(days::add);
		}
		String from = (hours.from() != null) ? hours.from().toString() : "";
		String until = (hours.until() != null) ? hours.until().toString() : "";
		return (String.join(separator(), days) + " " + from + "–" + until).strip();
	}

	private String minutes(Duration duration) {
		return t("rules.diff.minutes", duration.toMinutes());
	}

	private String separator() {
		return "zh".equals(this.locale.getLanguage()) ? "、" : ", ";
	}

	private String t(String code, Object... args) {
		return this.messages.getMessage(code, args, this.locale);
	}

	private static int size(List<?> list) {
		return (list != null) ? list.size() : 0;
	}

	private static <T> List<T> emptyToNull(List<T> list) {
		return (list == null || list.isEmpty()) ? null : list;
	}

}
