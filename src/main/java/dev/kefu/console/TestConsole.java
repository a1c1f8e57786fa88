package dev.kefu.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.kefu.apps.App;
import dev.kefu.rules.BusinessHours;
import dev.kefu.rules.Keyword;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.Normalisation;
import dev.kefu.rules.Reply;
import dev.kefu.rules.Rule;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.RuleMatcher;
import dev.kefu.rules.RulePart;
import dev.kefu.rules.Trigger;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Plays one message against an app's rules without sending anything: the rule the rules'
 * own matcher chooses, the steps that explain it, the body each reply would have on its way
 * to WeChat, and whether a fresh conversation's allowance lets it through. Cooldowns are not
 * applied: the test user has never been answered.
 */
@Component
class TestConsole {

	/** WeChat's allowance after a user message: 5 sends within 48 hours. */
	static final int AFTER_MESSAGE = 5;

	/** WeChat's allowance after the user enters the chat: 2 sends within 1 minute. */
	static final int AFTER_ENTERING = 2;

	static final String TEST_USER = "o_test_console_user";

	private final RuleBook book;

	private final MessageSource messages;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	TestConsole(RuleBook book, MessageSource messages, Clock clock) {
		this.book = book;
		this.messages = messages;
		this.clock = clock;
	}

	/** One step of the explanation; {@code hit} steps are drawn green, the others red. */
	record Step(String text, boolean hit) {
	}

	/** One reply as it would go out: the reply, its body for WeChat, and the allowance's verdict. */
	record Shown(String type, String content, String title, String description, String url, String thumbUrl,
			String assetId, String pagePath, String thumbAssetId, String json, boolean allowed) {
	}

	/**
	 * @param kind {@code text}, {@code enter} or {@code image}
	 * @param input what the user sent
	 * @param outcome {@code KEYWORD}, {@code DEFAULT}, {@code WELCOME} or {@code NO_RULE}
	 * @param ruleId the answering rule, or {@code null}
	 * @param ruleName its name
	 * @param steps why
	 * @param replies what would be sent, in order
	 * @param transfers whether the push would be answered with transfer_customer_service
	 */
	record Run(String kind, String input, String outcome, String ruleId, String ruleName, List<Step> steps,
			List<Shown> replies, boolean transfers) {
	}

	Run play(App app, String kind, String text, String sessionFrom) {
		Instant now = this.clock.instant();
		Map<String, RuleDocument> documents = new LinkedHashMap<>();
		List<Rule> rules = new ArrayList<>();
		for (RuleDocument document : this.book.list(app.appId())) {
			documents.put(document.id(), document);
			rules.add(rule(app.appId(), document));
		}
		RuleMatcher matcher = RuleMatcher.compile(rules, app.timeZone());
		List<Step> steps = new ArrayList<>();
		Optional<Rule> answer;
		String outcome;
		int allowance;
		switch (kind) {
			case "enter" -> {
				steps.add(new Step(t("test.step.enter", blankToDash(sessionFrom)), true));
				answer = matcher.welcomeRule(blankToNull(sessionFrom), now);
				outcome = answer.isPresent() ? "WELCOME" : "NO_RULE";
				steps.add(answer.map((r) -> new Step(t("test.step.welcome", r.name()), true))
					.orElseGet(() -> new Step(t("test.step.noWelcome"), false)));
				allowance = AFTER_ENTERING;
			}
			case "image" -> {
				steps.add(new Step(t("test.step.image"), true));
				answer = matcher.answering("image", null, now);
				outcome = answer.isPresent() ? "DEFAULT" : "NO_RULE";
				steps.add(answer.map((r) -> new Step(t("test.step.default", r.name()), true))
					.orElseGet(() -> new Step(t("test.step.noDefault"), false)));
				allowance = AFTER_MESSAGE;
			}
			default -> {
				String normal = Normalisation.normalise((text != null) ? text : "");
				steps.add(new Step(t("test.step.normalised", normal), true));
				Optional<Rule> keyword = matcher.keywordRule(text, now);
				explainKeywords(rules, normal, keyword.orElse(null), steps);
				answer = keyword.isPresent() ? keyword : matcher.defaultRule(now);
				outcome = keyword.isPresent() ? "KEYWORD" : (answer.isPresent() ? "DEFAULT" : "NO_RULE");
				if (keyword.isEmpty()) {
					steps.add(answer.map((r) -> new Step(t("test.step.default", r.name()), true))
						.orElseGet(() -> new Step(t("test.step.noDefault"), false)));
				}
				allowance = AFTER_MESSAGE;
			}
		}
		List<Shown> replies = new ArrayList<>();
		boolean transfers = false;
		if (answer.isPresent()) {
			Rule rule = answer.get();
			transfers = rule.transfers() && !"enter".equals(kind);
			List<ReplyItem> items = documents.get(rule.id()).replies().stream()
				.filter((r) -> !"transfer".equals(r.type()))
				.toList();
			if (rule.replyMode() == dev.kefu.rules.ReplyMode.RANDOM && !items.isEmpty()) {
				steps.add(new Step(t("test.step.random", items.size()), true));
			}
			for (ReplyItem item : items) {
				replies.add(shown(item, replies.size() < allowance));
			}
		}
		return new Run(kind, ("text".equals(kind) || kind == null) ? text : null, outcome,
				answer.map(Rule::id).orElse(null), answer.map(Rule::name).orElse(null), steps, replies, transfers);
	}

	/** Every enabled keyword that matches, and which of them the matcher chose. */
	private void explainKeywords(List<Rule> rules, String normal, Rule chosen, List<Step> steps) {
		boolean any = false;
		for (Rule rule : rules) {
			if (rule.trigger() != Trigger.KEYWORD || !rule.enabled()) {
				continue;
			}
			for (Keyword keyword : rule.keywords()) {
				if (matches(keyword, normal)) {
					any = true;
					boolean won = chosen != null && chosen.id().equals(rule.id());
					String mode = t("rules.match." + keyword.match().name());
					steps.add(new Step(t(won ? "test.step.hit" : "test.step.beaten", keyword.text(), mode, rule.name(),
							rule.priority()), won));
				}
			}
		}
		if (!any) {
			steps.add(new Step(t("test.step.noKeyword"), false));
		}
	}

	private static boolean matches(Keyword keyword, String normal) {
		String text = Normalisation.normalise(keyword.text());
		return switch (keyword.match()) {
			case EXACT -> normal.equals(text);
			case CONTAINS -> !text.isEmpty() && normal.contains(text);
			case REGEX -> {
				try {
					yield Pattern.compile(keyword.text()).matcher(normal).find();
				}
				catch (PatternSyntaxException ex) {
					yield false;
				}
			}
		};
	}

	/** The body of customerServiceMessage.send for this reply; images show where their media_id goes. */
	private Shown shown(ReplyItem r, boolean allowed) {
		Map<String, Object> object = new LinkedHashMap<>();
		switch (r.type()) {
			case "text" -> object.put("content", r.content());
			case "link" -> {
				object.put("title", r.title());
				object.put("description", (r.description() != null) ? r.description() : "");
				object.put("url", r.url());
				object.put("thumb_url", (r.thumbUrl() != null) ? r.thumbUrl() : "");
			}
			case "image" -> object.put("media_id", "<media_id " + t("test.mediaOf", r.assetId()) + ">");
			case "miniprogrampage" -> {
				object.put("title", r.title());
				object.put("pagepath", r.pagePath());
				object.put("thumb_media_id", "<media_id " + t("test.mediaOf", r.thumbAssetId()) + ">");
			}
			default -> {
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("touser", TEST_USER);
		body.put("msgtype", r.type());
		body.put(r.type(), object);
		return new Shown(r.type(), r.content(), r.title(), r.description(), r.url(), r.thumbUrl(), r.assetId(),
				r.pagePath(), r.thumbAssetId(), this.json.writeValueAsString(body), allowed);
	}

	/** The rules module's own record of a stored rule, for its matcher. */
	private static Rule rule(String appId, RuleDocument d) {
		List<Keyword> keywords = (d.keywords() != null)
				? d.keywords().stream().map((k) -> new Keyword(k.text(), k.match())).toList() : List.of();
		List<RulePart> parts = (d.replies() != null) ? d.replies().stream().map(TestConsole::part).toList() : List.of();
		BusinessHours hours = (d.businessHours() != null)
				? new BusinessHours(d.businessHours().days(), d.businessHours().from(), d.businessHours().until()) : null;
		return new Rule(d.id(), appId, d.name(), d.trigger(), (d.priority() != null) ? d.priority() : 0,
				!Boolean.FALSE.equals(d.enabled()),
				(d.replyMode() != null) ? d.replyMode() : dev.kefu.rules.ReplyMode.ALL, keywords, parts, d.activeFrom(),
				d.activeUntil(), hours, d.sessionFrom(), d.cooldown(), d.createdAt(), d.updatedAt());
	}

	private static RulePart part(ReplyItem r) {
		return switch (r.type()) {
			case "text" -> new RulePart.Send(new Reply.Text(r.content()));
			case "link" -> new RulePart.Send(new Reply.Link(r.title(), r.description(), r.url(), r.thumbUrl()));
			case "image" -> new RulePart.Send(new Reply.Image(r.assetId()));
			case "miniprogrampage" -> new RulePart.Send(new Reply.MiniProgramPage(r.title(), r.pagePath(), r.thumbAssetId()));
			default -> new RulePart.Transfer();
		};
	}

	private String t(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String blankToDash(String value) {
		return (value == null || value.isBlank()) ? "–" : value.strip();
	}

}
