package dev.kefu.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.App;
import dev.kefu.outbox.OutgoingMessage;
import dev.kefu.outbox.SendingAllowance;
import dev.kefu.rules.Outcome;
import dev.kefu.rules.Precedence;
import dev.kefu.rules.Rehearsals;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import dev.kefu.rules.Rule;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.RuleRehearsal;
import dev.kefu.wechat.api.CustomerServiceMessage;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Plays one message against an app's rules without sending anything. The decision comes
 * from {@link Rehearsals}, the code that answers real pushes; this class only explains
 * it: the steps that led to it, the body each reply would have on its way to WeChat, and
 * whether the outbox's allowance for a fresh conversation lets it through. The test user
 * has never been answered, so a cooldown is shown as what it would hold back next time,
 * never as holding this message.
 */
@Component
class TestConsole {

	static final String TEST_USER = "o_test_console_user";

	private final Rehearsals rehearsals;

	private final MessageSource messages;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	TestConsole(Rehearsals rehearsals, MessageSource messages) {
		this.rehearsals = rehearsals;
		this.messages = messages;
	}

	/** One step of the explanation; {@code hit} steps are drawn green, the others red. */
	record Step(String text, boolean hit) {
	}

	/**
	 * One reply as it would go out: the reply, its body for WeChat, and the allowance's
	 * verdict.
	 */
	record Shown(String type, String content, String title, String description, String url, String thumbUrl,
			String assetId, String pagePath, String thumbAssetId, String json, boolean allowed) {
	}

	/**
	 * @param kind {@code text}, {@code enter} or {@code image}
	 * @param input what the user sent
	 * @param outcome {@code KEYWORD}, {@code DEFAULT}, {@code WELCOME}, {@code COOLDOWN}
	 * or {@code NO_RULE}
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
		String msgType = switch ((kind != null) ? kind : "text") {
			case "enter" -> "event";
			case "image" -> "image";
			default -> "text";
		};
		RuleRehearsal rehearsal = this.rehearsals.rehearse(app.appId(), msgType, text, sessionFrom);
		Rule rule = rehearsal.rule();
		// the rule the message chose, when the AGENTS_OFFLINE rule answers in its place
		Rule chosen = (rehearsal.handedBy() != null) ? rehearsal.handedBy() : rule;
		Outcome outcome = (rehearsal.outcome() != null) ? rehearsal.outcome() : Outcome.NO_RULE;
		List<Step> steps = new ArrayList<>();
		switch (msgType) {
			case "event" -> {
				steps.add(new Step(t("test.step.enter", blankToDash(sessionFrom)), true));
				steps.add((rule != null) ? new Step(t("test.step.welcome", rule.name()), true)
						: new Step(t("test.step.noWelcome"), false));
			}
			case "image" -> {
				steps.add(new Step(t("test.step.image"), true));
				steps.add((chosen != null) ? new Step(t("test.step.default", chosen.name()), true)
						: new Step(t("test.step.noDefault"), false));
			}
			default -> {
				steps.add(new Step(t("test.step.normalised", rehearsal.normalised()), true));
				explainKeywords(rehearsal, steps);
				if (outcome != Outcome.KEYWORD) {
					steps.add((chosen != null) ? new Step(t("test.step.default", chosen.name()), true)
							: new Step(t("test.step.noDefault"), false));
				}
			}
		}
		explainPassedOver(rehearsal, steps);
		if (rehearsal.handedBy() != null) {
			steps.add(handOver(rehearsal));
		}
		if (!rehearsal.cooldown().isZero()) {
			steps.add(new Step(t("test.step.cooldown", humanize(rehearsal.cooldown())), true));
		}
		if (rehearsal.oneAtRandom()) {
			steps.add(new Step(t("test.step.random", rehearsal.replies().size()), true));
		}
		int allowance = SendingAllowance
			.maxSends("event".equals(msgType) ? ReplyPlanned.Cause.ENTERED_CHAT : ReplyPlanned.Cause.USER_MESSAGE);
		List<Shown> replies = new ArrayList<>();
		for (Reply reply : rehearsal.replies()) {
			replies.add(shown(reply, replies.size() < allowance));
		}
		return new Run(kind, "text".equals(msgType) ? text : null, outcome.name(), (rule != null) ? rule.id() : null,
				(rule != null) ? rule.name() : null, steps, replies, rehearsal.transfers());
	}

	/**
	 * The rule's hand-over to an agent: whether agents are there (the app's desk hours
	 * and an agent online, as for a real message), and who answers if not.
	 */
	private Step handOver(RuleRehearsal rehearsal) {
		return switch (rehearsal.agents()) {
			case AVAILABLE -> new Step(t("test.step.agent"), true);
			case OUTSIDE_HOURS, NO_AGENT_ONLINE -> {
				String why = t("test.step.agentsAway." + rehearsal.agents().name());
				Rule rule = rehearsal.rule();
				yield !rule.id().equals(rehearsal.handedBy().id())
						? new Step(t("test.step.agentsAway", why, rule.name()), true)
						: new Step(t("test.step.agentsAwayNoRule", why), true);
			}
		};
	}

	/**
	 * Every keyword that matches, which of them won, and why each other one lost (and to
	 * which rule).
	 */
	private void explainKeywords(RuleRehearsal rehearsal, List<Step> steps) {
		for (RuleRehearsal.KeywordHit hit : rehearsal.matchingKeywords()) {
			String mode = t("rules.match." + hit.keyword().match().name());
			if (hit.chosen()) {
				steps.add(new Step(
						t("test.step.hit", hit.keyword().text(), mode, hit.rule().name(), hit.rule().priority()),
						true));
			}
			else if (hit.lostTo() == null || selfReason(hit.why())) {
				steps.add(new Step(t("test.step.beatenAlone", hit.keyword().text(), mode, hit.rule().name(),
						hit.rule().priority(), t("rules.precedence." + hit.why())), false));
			}
			else {
				steps.add(new Step(t("test.step.beaten", hit.keyword().text(), mode, hit.rule().name(),
						hit.rule().priority(), hit.lostTo().name(), t("rules.precedence." + hit.why())), false));
			}
		}
		if (rehearsal.matchingKeywords().isEmpty()) {
			steps.add(new Step(t("test.step.noKeyword"), false));
		}
	}

	/** The other DEFAULT or WELCOME rules that did not answer, and why. */
	private void explainPassedOver(RuleRehearsal rehearsal, List<Step> steps) {
		for (RuleRehearsal.PassedOver passed : rehearsal.passedOver()) {
			String why = t("rules.precedence." + passed.why());
			steps
				.add(new Step(
						(passed.lostTo() != null && !selfReason(passed.why()))
								? t("test.step.passedOver", passed.rule().name(), passed.rule().priority(),
										passed.lostTo().name(), why)
								: t("test.step.passedOverAlone", passed.rule().name(), passed.rule().priority(), why),
						false));
		}
	}

	/**
	 * Whether the reason is about the rule that lost itself, not about the one that won.
	 */
	private static boolean selfReason(Precedence why) {
		return why == Precedence.INACTIVE || why == Precedence.OTHER_SESSION_FROM;
	}

	/**
	 * The body of customerServiceMessage.send for this reply, from the API client's own
	 * message types; images show where their media_id goes.
	 */
	private Shown shown(Reply reply, boolean allowed) {
		String assetId = OutgoingMessage.assetOf(reply);
		CustomerServiceMessage message = OutgoingMessage.of(reply, (assetId != null) ? mediaOf(assetId) : null);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("touser", TEST_USER);
		body.put("msgtype", message.msgType());
		body.put(message.msgType(), message.wireObject());
		// the reply's fields by its own JSON shape (the rules' reply items)
		ReplyItem r = this.json.convertValue(reply, ReplyItem.class);
		return new Shown(r.type(), r.content(), r.title(), r.description(), r.url(), r.thumbUrl(), r.assetId(),
				r.pagePath(), r.thumbAssetId(), this.json.writeValueAsString(body), allowed);
	}

	private String mediaOf(String assetId) {
		return "<media_id " + t("test.mediaOf", assetId) + ">";
	}

	private static String humanize(Duration period) {
		return period.toString().substring(2).toLowerCase();
	}

	private String t(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	private static String blankToDash(String value) {
		return (value == null || value.isBlank()) ? "–" : value.strip();
	}

}
