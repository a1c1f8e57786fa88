package dev.kefu.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.RuleRejectedException.InvalidField;
import dev.kefu.rules.matching.Normalisation;

/**
 * Checks a {@link RuleDocument} on its own (the app-wide checks, EXACT conflicts and the
 * regex limit, are {@link RuleBook}'s) and turns it into a {@link Rule}. Every problem is
 * reported, each with the path of its field.
 */
final class RuleValidator {

	static final int MAX_NAME = 100;

	static final int MAX_KEYWORDS = 100;

	static final int MAX_KEYWORD_LENGTH = 100;

	static final int MAX_REPLIES = 5;

	/**
	 * WeChat refuses longer customer-service text (errcode 45002); counted in UTF-8
	 * bytes.
	 */
	static final int MAX_TEXT_BYTES = RuleDocument.ReplyItem.MAX_TEXT_BYTES;

	static final int MAX_FIELD = 1024;

	static final int MAX_UTM = 100;

	private final BiPredicate<String, String> assetExists;

	/**
	 * @param assetExists whether an app (first) has an asset (second)
	 */
	RuleValidator(BiPredicate<String, String> assetExists) {
		this.assetExists = assetExists;
	}

	/**
	 * The problems of {@code document} as a rule of {@code appId}; empty when there are
	 * none.
	 */
	List<InvalidField> problems(String appId, RuleDocument document) {
		List<InvalidField> problems = new ArrayList<>();
		if (document.name() == null || document.name().isBlank()) {
			problems.add(new InvalidField("name", "must not be empty"));
		}
		else if (document.name().length() > MAX_NAME) {
			problems.add(new InvalidField("name", "must have at most " + MAX_NAME + " characters"));
		}
		Trigger trigger = document.trigger();
		if (trigger == null) {
			problems.add(new InvalidField("trigger", "must be KEYWORD, DEFAULT, WELCOME or AGENTS_OFFLINE"));
		}
		checkKeywords(trigger, document.keywords(), problems);
		checkReplies(appId, trigger, document.replies(), problems);
		if (document.activeFrom() != null && document.activeUntil() != null
				&& !document.activeUntil().isAfter(document.activeFrom())) {
			problems.add(new InvalidField("activeUntil", "must be after activeFrom"));
		}
		RuleDocument.Hours hours = document.businessHours();
		if (hours != null) {
			if (hours.days() == null || hours.days().isEmpty()) {
				problems.add(new InvalidField("businessHours.days", "must name at least one day"));
			}
			if (hours.from() == null) {
				problems.add(new InvalidField("businessHours.from", "must be a time such as 09:00"));
			}
			if (hours.until() == null) {
				problems.add(new InvalidField("businessHours.until", "must be a time such as 18:00"));
			}
		}
		if (document.sessionFrom() != null && trigger != Trigger.WELCOME) {
			problems.add(new InvalidField("sessionFrom", "only WELCOME rules answer a particular SessionFrom"));
		}
		else if (document.sessionFrom() != null
				&& (document.sessionFrom().isEmpty() || document.sessionFrom().length() > 128)) {
			problems.add(new InvalidField("sessionFrom", "must have 1 to 128 characters"));
		}
		Duration cooldown = document.cooldown();
		if (cooldown != null && trigger == Trigger.KEYWORD) {
			problems
				.add(new InvalidField("cooldown", "only DEFAULT, WELCOME and AGENTS_OFFLINE rules have a cooldown"));
		}
		else if (cooldown != null && cooldown.isNegative()) {
			problems.add(new InvalidField("cooldown", "must not be negative"));
		}
		return problems;
	}

	private static void checkKeywords(Trigger trigger, List<KeywordItem> keywords, List<InvalidField> problems) {
		List<KeywordItem> items = (keywords != null) ? keywords : List.of();
		if (trigger == Trigger.KEYWORD && items.isEmpty()) {
			problems.add(new InvalidField("keywords", "a KEYWORD rule needs at least one keyword"));
		}
		if (trigger != null && trigger != Trigger.KEYWORD && !items.isEmpty()) {
			problems.add(new InvalidField("keywords", "only KEYWORD rules have keywords"));
		}
		if (items.size() > MAX_KEYWORDS) {
			problems.add(new InvalidField("keywords", "at most " + MAX_KEYWORDS + " keywords per rule"));
		}
		for (int i = 0; i < items.size(); i++) {
			String field = "keywords[" + i + "]";
			KeywordItem keyword = items.get(i);
			if (keyword == null || keyword.match() == null) {
				problems.add(new InvalidField(field + ".match", "must be EXACT, CONTAINS or REGEX"));
			}
			String text = (keyword != null) ? keyword.text() : null;
			if (text == null || Normalisation.normalise(text).isEmpty()) {
				problems.add(new InvalidField(field + ".text", "must not be empty"));
			}
			else if (text.length() > MAX_KEYWORD_LENGTH
					|| Normalisation.normalise(text).length() > 4 * MAX_KEYWORD_LENGTH) {
				problems
					.add(new InvalidField(field + ".text", "must have at most " + MAX_KEYWORD_LENGTH + " characters"));
			}
			else if (keyword.match() == MatchMode.REGEX) {
				try {
					Pattern.compile(text, Pattern.CASE_INSENSITIVE);
				}
				catch (PatternSyntaxException ex) {
					problems.add(new InvalidField(field + ".text", regexProblem(text, ex)));
				}
			}
		}
	}

	/**
	 * What is wrong with a regular expression, and where: RE2's description, the
	 * character (from 1) where the mistake is, and the part of the expression it is
	 * about, e.g. {@code is not a
	 * valid RE2 regular expression: missing closing ) at character 3: `(元`}.
	 */
	static String regexProblem(String text, PatternSyntaxException ex) {
		String description = ex.getDescription();
		String part = ex.getPattern();
		int at = -1;
		if (description.startsWith("missing closing )") || description.endsWith("internal error")) {
			// RE2 names the whole expression: find the bracket without a partner
			// ourselves
			at = unpairedParenthesis(text);
			description = (at >= 0 && text.charAt(at) == ')') ? "unexpected )" : "missing closing )";
			part = (at >= 0) ? text.substring(at, at + 1) : part;
		}
		else if (description.startsWith("missing closing ]")) {
			at = text.lastIndexOf('[');
		}
		else if (part != null && !part.isEmpty()) {
			at = text.indexOf(part);
		}
		StringBuilder problem = new StringBuilder("is not a valid RE2 regular expression: ").append(description);
		if (at >= 0) {
			problem.append(" at character ").append(text.codePointCount(0, at) + 1);
		}
		if (part != null && !part.isEmpty()) {
			problem.append(": `").append(part).append('`');
		}
		return problem.toString();
	}

	/**
	 * The index of the first ")" without an opening one, else of the last "(" left open;
	 * -1 for none.
	 */
	private static int unpairedParenthesis(String text) {
		Deque<Integer> open = new ArrayDeque<>();
		boolean inClass = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (inClass) {
				inClass = c != ']';
			}
			else if (c == '[') {
				inClass = true;
			}
			else if (c == '(') {
				open.push(i);
			}
			else if (c == ')') {
				if (open.isEmpty()) {
					return i;
				}
				open.pop();
			}
		}
		return open.isEmpty() ? -1 : open.peek();
	}

	private void checkReplies(String appId, Trigger trigger, List<ReplyItem> replies, List<InvalidField> problems) {
		List<ReplyItem> items = (replies != null) ? replies : List.of();
		if (items.isEmpty() || items.size() > MAX_REPLIES) {
			problems.add(new InvalidField("replies",
					"must have 1 to " + MAX_REPLIES + " replies (WeChat allows 5 messages per user message)"));
		}
		for (int i = 0; i < items.size(); i++) {
			String field = "replies[" + i + "]";
			ReplyItem reply = items.get(i);
			String type = (reply != null && reply.type() != null) ? reply.type().toLowerCase(Locale.ROOT) : "";
			switch (type) {
				case ReplyItem.TEXT -> {
					if (reply.content() == null || reply.content().isBlank()) {
						problems.add(new InvalidField(field + ".content", "must not be empty"));
					}
					else if (reply.content().getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
						problems.add(new InvalidField(field + ".content",
								"must have at most " + MAX_TEXT_BYTES + " bytes in UTF-8 (WeChat's limit)"));
					}
					checkUtm(field, reply, problems);
				}
				case ReplyItem.LINK -> {
					required(field + ".title", reply.title(), problems);
					optional(field + ".description", reply.description(), problems);
					if (!isUrl(reply.url(), true)) {
						problems.add(new InvalidField(field + ".url", "must be an https URL"));
					}
					if (reply.thumbUrl() != null && !isUrl(reply.thumbUrl(), false)) {
						problems.add(new InvalidField(field + ".thumbUrl", "must be an http or https URL"));
					}
					checkUtm(field, reply, problems);
				}
				case ReplyItem.IMAGE -> checkAsset(appId, field + ".assetId", reply.assetId(), problems);
				case ReplyItem.MINI_PROGRAM_PAGE -> {
					required(field + ".title", reply.title(), problems);
					required(field + ".pagePath", reply.pagePath(), problems);
					checkAsset(appId, field + ".thumbAssetId", reply.thumbAssetId(), problems);
				}
				case ReplyItem.TRANSFER -> {
					if (trigger == Trigger.WELCOME) {
						problems.add(new InvalidField(field + ".type",
								"a WELCOME rule cannot transfer (WeChat never transfers events)"));
					}
					else if (trigger == Trigger.AGENTS_OFFLINE) {
						problems.add(new InvalidField(field + ".type", "only KEYWORD and DEFAULT rules transfer"));
					}
				}
				case ReplyItem.AGENT -> {
					if (trigger == Trigger.WELCOME || trigger == Trigger.AGENTS_OFFLINE) {
						problems.add(new InvalidField(field + ".type",
								"only KEYWORD and DEFAULT rules hand a user to an agent"));
					}
				}
				default -> problems.add(new InvalidField(field + ".type",
						"must be text, link, image, miniprogrampage, transfer or agent"));
			}
			if (!type.equals(ReplyItem.LINK) && !type.equals(ReplyItem.TEXT)
					&& !type.equals(ReplyItem.MINI_PROGRAM_PAGE) && reply != null
					&& (reply.tracked() != null || reply.utm() != null)) {
				problems
					.add(new InvalidField(field + ".tracked", "only link, text and mini program replies are tracked"));
			}
			if (type.equals(ReplyItem.MINI_PROGRAM_PAGE) && reply.utm() != null) {
				problems.add(new InvalidField(field + ".utm", "a mini program card adds no utm parameters"));
			}
		}
	}

	/**
	 * A tracked link's utm parameters: known names, short values, and only when tracked.
	 */
	private static void checkUtm(String field, ReplyItem reply, List<InvalidField> problems) {
		if (reply.utm() == null || reply.utm().isEmpty()) {
			return;
		}
		if (!Boolean.TRUE.equals(reply.tracked())) {
			problems.add(new InvalidField(field + ".utm", "only tracked links add utm parameters"));
			return;
		}
		reply.utm().forEach((name, value) -> {
			if (!Reply.Tracking.UTM_NAMES.contains(name)) {
				problems.add(new InvalidField(field + ".utm." + name,
						"is not a utm parameter; known: " + String.join(", ", Reply.Tracking.UTM_NAMES)));
			}
			else if (value == null || value.isBlank()) {
				problems.add(new InvalidField(field + ".utm." + name, "must not be empty"));
			}
			else if (value.length() > MAX_UTM) {
				problems.add(new InvalidField(field + ".utm." + name, "must have at most " + MAX_UTM + " characters"));
			}
		});
	}

	private void checkAsset(String appId, String field, String assetId, List<InvalidField> problems) {
		if (assetId == null || assetId.isBlank()) {
			problems.add(new InvalidField(field, "must name an asset"));
		}
		else if (!this.assetExists.test(appId, assetId)) {
			problems.add(new InvalidField(field, "no asset " + assetId + " in this app"));
		}
	}

	private static void required(String field, String value, List<InvalidField> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new InvalidField(field, "must not be empty"));
		}
		else {
			optional(field, value, problems);
		}
	}

	private static void optional(String field, String value, List<InvalidField> problems) {
		if (value != null && value.length() > MAX_FIELD) {
			problems.add(new InvalidField(field, "must have at most " + MAX_FIELD + " characters"));
		}
	}

	private static boolean isUrl(String value, boolean httpsOnly) {
		if (value == null || value.length() > MAX_FIELD) {
			return false;
		}
		try {
			URI uri = new URI(value);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return uri.getHost() != null && (scheme.equals("https") || (!httpsOnly && scheme.equals("http")));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * The rule a valid document describes.
	 * @param id the rule's id
	 * @param createdAt when it was first created
	 * @param updatedAt now
	 */
	static Rule rule(String appId, String id, RuleDocument document, Instant createdAt, Instant updatedAt) {
		List<Keyword> keywords = (document.keywords() != null)
				? document.keywords().stream().map((k) -> new Keyword(k.text(), k.match())).toList() : List.of();
		RuleDocument.Hours hours = document.businessHours();
		return new Rule(id, appId, document.name().strip(), document.trigger(),
				(document.priority() != null) ? document.priority() : 0,
				(document.enabled() != null) ? document.enabled() : true,
				(document.replyMode() != null) ? document.replyMode() : ReplyMode.ALL, keywords,
				document.replies().stream().map(RuleValidator::part).toList(), document.activeFrom(),
				document.activeUntil(),
				(hours != null) ? new BusinessHours(hours.days(), hours.from(), hours.until()) : null,
				document.sessionFrom(), document.cooldown(), createdAt, updatedAt);
	}

	/** The rule part a (valid) reply item describes. */
	static RulePart part(ReplyItem item) {
		return item.part();
	}

}
