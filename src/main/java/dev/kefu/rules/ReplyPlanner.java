package dev.kefu.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.kefu.inbox.MessageReceived;
import dev.kefu.rules.AgentPresence.Availability;
import dev.kefu.rules.matching.RuleMatcher;

/**
 * Decides the answer to one received message with an app's matcher: which rule, whether
 * its cooldown allows it, and which of its replies to send. Pure apart from the ledger it
 * claims cooldowns in. A rule that hands the user to an agent ({@link RulePart.Agent})
 * while agents are not there ({@link AgentPresence#availability}: outside the app's desk
 * hours, or no agent online) answers with the app's {@link Trigger#AGENTS_OFFLINE} rule
 * instead (its cooldown claimed as any other's), when it has one; the plan says
 * {@link Plan#toAgent()} either way, for the caller to queue the user.
 */
final class ReplyPlanner {

	static final String ENTERED_CHAT_EVENT = "user_enter_tempsession";

	private final FiringLedger ledger;

	private final RandomGenerator random;

	private final Silence silence;

	private final Agents agents;

	ReplyPlanner(FiringLedger ledger, RandomGenerator random) {
		this(ledger, random, (appId, openId, at, welcome) -> false);
	}

	ReplyPlanner(FiringLedger ledger, RandomGenerator random, Silence silence) {
		this(ledger, random, silence, (appId, at, zone) -> Availability.AVAILABLE);
	}

	/**
	 * @param agents whether agents are there for an app's user
	 * ({@link AgentPresence#availability})
	 */
	ReplyPlanner(FiringLedger ledger, RandomGenerator random, Silence silence, Agents agents) {
		this.ledger = ledger;
		this.random = random;
		this.silence = silence;
		this.agents = agents;
	}

	/**
	 * Whether agents are there for a user of an app who wrote at {@code at}, the app's
	 * desk hours read in {@code zone} ({@link AgentPresence#availability}).
	 */
	@FunctionalInterface
	interface Agents {

		Availability availability(String appId, Instant at, ZoneId zone);

	}

	/**
	 * Whether the rules stay silent for a user: keyword and default rules, or welcome
	 * rules when {@code welcome}
	 * ({@link Holds#silences(String, String, Instant, boolean)}).
	 */
	@FunctionalInterface
	interface Silence {

		boolean silences(String appId, String openId, Instant at, boolean welcome);

	}

	/**
	 * The plan for a message, or empty for events that are not an entry into the chat.
	 */
	Optional<Plan> plan(RuleMatcher matcher, MessageReceived message) {
		if ("event".equals(message.msgType())) {
			if (!ENTERED_CHAT_EVENT.equals(message.event())) {
				return Optional.empty();
			}
			if (this.silence.silences(message.appId(), message.openId(), message.receivedAt(), true)) {
				return Optional.of(new Plan(Outcome.HELD, null, List.of(), 0));
			}
			Rule rule = matcher.welcomeRule(message.sessionFrom(), message.receivedAt()).orElse(null);
			return Optional.of(answer(rule, Outcome.WELCOME, message));
		}
		if (this.silence.silences(message.appId(), message.openId(), message.receivedAt(), false)) {
			return Optional.of(new Plan(Outcome.HELD, null, List.of(), 0));
		}
		Rule rule = "text".equals(message.msgType())
				? matcher.keywordRule(message.content(), message.receivedAt()).orElse(null) : null;
		if (rule != null) {
			return Optional.of(handOver(chosen(Outcome.KEYWORD, rule), matcher, message));
		}
		rule = matcher.defaultRule(message.receivedAt()).orElse(null);
		return Optional.of(handOver(answer(rule, Outcome.DEFAULT, message), matcher, message));
	}

	/**
	 * The plan of a rule that hands the user to an agent: marked {@link Plan#toAgent()},
	 * and with the AGENTS_OFFLINE rule's replies instead of its own when agents are not
	 * there.
	 */
	private Plan handOver(Plan plan, RuleMatcher matcher, MessageReceived message) {
		if (plan.rule() == null || plan.outcome() == Outcome.COOLDOWN || !plan.rule().toAgent()) {
			return plan;
		}
		Availability agents = this.agents.availability(message.appId(), message.receivedAt(), matcher.zone());
		HandOver handOver = new HandOver(plan.rule(), agents);
		Rule unavailable = (agents == Availability.AVAILABLE) ? null
				: matcher.agentsUnavailableRule(message.receivedAt()).orElse(null);
		if (unavailable == null) {
			return new Plan(plan.outcome(), plan.rule(), plan.replies(), plan.beforeTransfer(), handOver);
		}
		Plan answer = answer(unavailable, plan.outcome(), message);
		if (answer.outcome() == Outcome.COOLDOWN) {
			// told recently that nobody is there: this time the user just waits
			return new Plan(plan.outcome(), plan.rule(), List.of(), 0, handOver);
		}
		return new Plan(plan.outcome(), unavailable, answer.replies(), 0, handOver);
	}

	private Plan answer(Rule rule, Outcome outcome, MessageReceived message) {
		if (rule == null) {
			return new Plan(Outcome.NO_RULE, null, List.of(), 0);
		}
		Duration cooldown = rule.effectiveCooldown();
		if (!cooldown.isZero() && !this.ledger.claim(message.appId(), message.openId(), rule.trigger(),
				message.receivedAt(), cooldown)) {
			return new Plan(Outcome.COOLDOWN, rule, List.of(), 0);
		}
		return chosen(outcome, rule);
	}

	/**
	 * The rule's replies to send: all, or one at random; and how many of them precede its
	 * transfer.
	 */
	private Plan chosen(Outcome outcome, Rule rule) {
		List<Reply> sendable = rule.sendable();
		int beforeTransfer = sendsBeforeTransfer(rule);
		return switch (rule.replyMode()) {
			case ALL -> new Plan(outcome, rule, sendable, beforeTransfer);
			case RANDOM -> {
				if (sendable.isEmpty()) {
					yield new Plan(outcome, rule, List.of(), 0);
				}
				int drawn = this.random.nextInt(sendable.size());
				yield new Plan(outcome, rule, List.of(sendable.get(drawn)), (drawn < beforeTransfer) ? 1 : 0);
			}
		};
	}

	/**
	 * The number of messages a rule sends before its transfer; 0 if it does not transfer.
	 */
	private static int sendsBeforeTransfer(Rule rule) {
		int sends = 0;
		for (RulePart part : rule.replies()) {
			if (part instanceof RulePart.Transfer) {
				return sends;
			}
			sends++;
		}
		return 0;
	}

	/**
	 * @param outcome what happened
	 * @param rule the rule that answered or was held back by its cooldown; {@code null}
	 * for none
	 * @param replies what to send
	 * @param beforeTransfer how many of the first replies come before the rule's
	 * transfer, if it has one
	 * @param handOver for a rule that handed the user to an agent (the caller puts them
	 * in the desk's queue), that rule and whether agents were there; otherwise
	 * {@code null}
	 */
	record Plan(Outcome outcome, Rule rule, List<Reply> replies, int beforeTransfer, HandOver handOver) {

		Plan(Outcome outcome, Rule rule, List<Reply> replies, int beforeTransfer) {
			this(outcome, rule, replies, beforeTransfer, null);
		}

		/** Whether the rule handed the user to an agent. */
		boolean toAgent() {
			return this.handOver != null;
		}

		/** The id of the rule whose replies are sent, if any answered. */
		String answeringRuleId() {
			return (this.rule != null && this.outcome != Outcome.COOLDOWN) ? this.rule.id() : null;
		}

	}

	/**
	 * A rule's hand-over of a user to an agent.
	 *
	 * @param by the rule that handed the user over
	 * @param agents whether agents were there; if not, the AGENTS_OFFLINE rule answered
	 * instead, if the app has one
	 */
	record HandOver(Rule by, Availability agents) {
	}

}
