package dev.kefu.rules.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.Hours;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Between the editor's form and the rules module's {@link RuleDocument}. Unknown enum
 * names become {@code null}, so the rules module names the field in its refusal rather
 * than this class failing; times are read in the app's zone.
 */
final class RuleForms {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private static final Pattern INDEXED = Pattern.compile("^(keywords|replies)\\[(\\d+)\\].*");

	private RuleForms() {
	}

	/**
	 * The rule the form describes. What the editor hides for the chosen trigger is left
	 * out, as the editor does: keywords but for keyword rules, a SessionFrom but for
	 * welcome rules, a cooldown for keyword rules.
	 */
	static RuleDocument document(RuleForm form, ZoneId zone) {
		Trigger trigger = enumOf(Trigger.class, form.getTrigger());
		List<KeywordItem> keywords = (trigger == Trigger.KEYWORD) ? form.keywordsGiven()
			.stream()
			.map((k) -> new KeywordItem(k.getText(), enumOf(MatchMode.class, k.getMatch())))
			.toList() : List.of();
		List<ReplyItem> replies = form.repliesGiven().stream().map(RuleForms::reply).toList();
		Long cooldown = (trigger != Trigger.KEYWORD) ? form.getCooldownMinutes() : null;
		return new RuleDocument(null, form.getName(), trigger, form.getPriority(), form.isEnabled(),
				enumOf(ReplyMode.class, form.getReplyMode()), keywords, replies, instant(form.getActiveFrom(), zone),
				instant(form.getActiveUntil(), zone), hours(form),
				(trigger == Trigger.WELCOME) ? blankToNull(form.getSessionFrom()) : null,
				(cooldown != null) ? Duration.ofMinutes(cooldown) : null, null, null, null);
	}

	static RuleForm form(RuleDocument rule, ZoneId zone) {
		RuleForm form = new RuleForm();
		form.setName(rule.name());
		form.setTrigger(rule.trigger().name());
		form.setPriority((rule.priority() != null) ? rule.priority() : 0);
		form.setEnabled(!Boolean.FALSE.equals(rule.enabled()));
		form.setReplyMode((rule.replyMode() != null) ? rule.replyMode().name() : "ALL");
		if (rule.keywords() != null) {
			rule.keywords()
				.forEach((k) -> form.getKeywords().add(new RuleForm.KeywordField(k.text(), k.match().name())));
		}
		if (rule.replies() != null) {
			rule.replies().forEach((r) -> form.getReplies().add(field(r)));
		}
		form.setBaseVersion((rule.version() != null) ? rule.version().longValue() : null);
		form.setActiveFrom(local(rule.activeFrom(), zone));
		form.setActiveUntil(local(rule.activeUntil(), zone));
		Hours hours = rule.businessHours();
		if (hours != null) {
			if (hours.days() != null) {
				hours.days().stream().sorted().forEach((d) -> form.getBusinessDays().add(d.name()));
			}
			form.setBusinessFrom((hours.from() != null) ? hours.from().toString() : null);
			form.setBusinessUntil((hours.until() != null) ? hours.until().toString() : null);
		}
		form.setSessionFrom(rule.sessionFrom());
		form.setCooldownMinutes((rule.cooldown() != null) ? rule.cooldown().toMinutes() : null);
		return form;
	}

	/**
	 * Where the editor shows an error about {@code field}: {@code keywords[2].text}
	 * beside the third chip ({@code keywords[2]}), {@code replies[1].url} at the second
	 * reply's link field (a reply's {@code type} at its type), {@code businessHours.from}
	 * by the hours; anything else by its name.
	 */
	static String errorKey(String field) {
		Matcher indexed = INDEXED.matcher(field);
		if (indexed.matches()) {
			String item = indexed.group(1) + "[" + indexed.group(2) + "]";
			return ("replies".equals(indexed.group(1)) && field.startsWith(item + ".")) ? field : item;
		}
		int dot = field.indexOf('.');
		return (dot > 0) ? field.substring(0, dot) : field;
	}

	/** Which parts of a rule a version changed, in words, e.g. "名称、回复". */
	static String changes(RuleDocument before, RuleDocument after, BiFunction<String, Object[], String> text) {
		if (before == null || after == null) {
			return "";
		}
		List<String> changed = new ArrayList<>();
		if (!Objects.equals(before.name(), after.name())) {
			changed.add(text.apply("rules.changed.name", new Object[0]));
		}
		if (!Objects.equals(before.trigger(), after.trigger())) {
			changed.add(text.apply("rules.changed.trigger", new Object[0]));
		}
		if (!Objects.equals(before.keywords(), after.keywords())) {
			changed.add(text.apply("rules.changed.keywords", new Object[0]));
		}
		if (!Objects.equals(before.replies(), after.replies())) {
			changed.add(text.apply("rules.changed.replies", new Object[0]));
		}
		if (!Objects.equals(before.enabled(), after.enabled())) {
			changed.add(text.apply("rules.changed.enabled", new Object[0]));
		}
		if (changed.isEmpty() && !Objects.equals(content(before), content(after))) {
			changed.add(text.apply("rules.changed.other", new Object[0]));
		}
		boolean chinese = "zh".equals(LocaleContextHolder.getLocale().getLanguage());
		return String.join(chinese ? "、" : ", ", changed);
	}

	private static final Pattern NUMBER = Pattern.compile("\\d+");

	/**
	 * The rules module's reason for a refusal, in the operator's language: the reason's
	 * words (numbers taken out as arguments, then what follows a colon, such as a host)
	 * name a message {@code rules.reason.*}, which may show that detail or have it added
	 * after it; without one the reason is shown as given. A regular expression's mistake
	 * is told with its place.
	 */
	static String reason(String reason, MessageSource messages, Locale locale) {
		String regex = RegexMistakes.describe(reason, messages, locale);
		if (regex != null) {
			return regex;
		}
		// ids (of assets, rules) are the operator's data, not words of the message
		reason = reason.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "")
			.replace("  ", " ");
		int colon = reason.indexOf(": ");
		String head = (colon > 0) ? reason.substring(0, colon) : reason;
		String detail = (colon > 0) ? reason.substring(colon + 2) : "";
		List<Object> args = new ArrayList<>();
		Matcher digits = NUMBER.matcher(head);
		while (digits.find()) {
			args.add(digits.group());
		}
		args.add(detail);
		String key = "rules.reason." + NUMBER.matcher(head)
			.replaceAll("n")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "_")
			.replaceAll("^_|_$", "");
		String text = messages.getMessage(key, args.toArray(), null, locale);
		if (text == null) {
			text = head;
		}
		return (detail.isEmpty() || text.contains(detail)) ? text
				: messages.getMessage("rules.reason.detail", new Object[] { text, detail }, locale);
	}

	/** The rule without what kefu sets (id, version, times): what an operator wrote. */
	static RuleDocument content(RuleDocument rule) {
		return new RuleDocument(null, rule.name(), rule.trigger(), rule.priority(), rule.enabled(), rule.replyMode(),
				rule.keywords(), rule.replies(), rule.activeFrom(), rule.activeUntil(), rule.businessHours(),
				rule.sessionFrom(), rule.cooldown(), null, null, null);
	}

	private static ReplyItem reply(RuleForm.ReplyField r) {
		return switch (r.getType()) {
			case "text" -> {
				Map<String, String> utm = utm(r, Boolean.TRUE.equals(r.getTrackedText()));
				yield new ReplyItem("text", r.getContent(), null, null, null, null, null, null, null,
						Boolean.TRUE.equals(r.getTrackedText()) ? Boolean.TRUE : null, utm.isEmpty() ? null : utm);
			}
			case "link" -> link(r);
			case "image" ->
				new ReplyItem("image", null, null, null, null, null, blankToNull(r.getAssetId()), null, null);
			case "miniprogrampage" -> new ReplyItem("miniprogrampage", null, r.getTitle(), null, null, null, null,
					r.getPagePath(), blankToNull(r.getThumbAssetId()),
					Boolean.TRUE.equals(r.getTrackedPage()) ? Boolean.TRUE : null, null);
			default -> new ReplyItem(r.getType(), null, null, null, null, null, null, null, null);
		};
	}

	private static ReplyItem link(RuleForm.ReplyField r) {
		boolean tracked = Boolean.TRUE.equals(r.getTracked());
		Map<String, String> utm = utm(r, tracked);
		return new ReplyItem("link", null, r.getTitle(), blankToNull(r.getDescription()), r.getUrl(),
				blankToNull(r.getThumbUrl()), null, null, null, tracked ? Boolean.TRUE : null,
				utm.isEmpty() ? null : utm);
	}

	/**
	 * Parameters of an untracked reply are dropped rather than refused: they do nothing
	 * there.
	 */
	private static Map<String, String> utm(RuleForm.ReplyField r, boolean tracked) {
		Map<String, String> utm = new LinkedHashMap<>();
		if (tracked) {
			r.getUtm().forEach((name, value) -> {
				if (blankToNull(value) != null) {
					utm.put(name, value.strip());
				}
			});
		}
		return utm;
	}

	private static RuleForm.ReplyField field(ReplyItem r) {
		RuleForm.ReplyField field = new RuleForm.ReplyField();
		field.setType(r.type());
		field.setContent(r.content());
		field.setTitle(r.title());
		field.setDescription(r.description());
		field.setUrl(r.url());
		field.setThumbUrl(r.thumbUrl());
		field.setAssetId(r.assetId());
		field.setPagePath(r.pagePath());
		field.setThumbAssetId(r.thumbAssetId());
		// a reply of another type keeps the default, so switching it to a link card
		// starts tracked
		field.setTracked(!"link".equals(r.type()) || Boolean.TRUE.equals(r.tracked()));
		field.setTrackedText("text".equals(r.type()) && Boolean.TRUE.equals(r.tracked()));
		field.setTrackedPage("miniprogrampage".equals(r.type()) && Boolean.TRUE.equals(r.tracked()));
		if (r.utm() != null) {
			field.setUtm(new LinkedHashMap<>(r.utm()));
		}
		return field;
	}

	private static Hours hours(RuleForm form) {
		boolean noDays = form.getBusinessDays() == null || form.getBusinessDays().isEmpty();
		if (noDays && blankToNull(form.getBusinessFrom()) == null && blankToNull(form.getBusinessUntil()) == null) {
			return null;
		}
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		if (!noDays) {
			form.getBusinessDays().forEach((d) -> days.add(DayOfWeek.valueOf(d)));
		}
		return new Hours(noDays ? null : days, time(form.getBusinessFrom()), time(form.getBusinessUntil()));
	}

	private static LocalTime time(String value) {
		try {
			return (blankToNull(value) != null) ? LocalTime.parse(value) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Instant instant(String value, ZoneId zone) {
		try {
			return (blankToNull(value) != null) ? LocalDateTime.parse(value, LOCAL).atZone(zone).toInstant() : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String local(Instant instant, ZoneId zone) {
		return (instant != null) ? LOCAL.format(instant.atZone(zone)) : null;
	}

	private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
		try {
			return (name != null) ? Enum.valueOf(type, name) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
