package dev.kefu.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.kefu.inbox.MessageReceived;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Answers every received message: decides with the app's matcher, stores the decision,
 * and publishes {@link ReplyPlanned}. It runs synchronously in the transaction that
 * records the message (the inbox publishes {@link MessageReceived} there), and so does
 * the outbox's listener of {@link ReplyPlanned}: the message, its decision and its
 * deliveries commit together, and a failure anywhere rolls all of them back for the inbox
 * to retry. The inbox publishes each message once per committed attempt, so no check for
 * an earlier decision is needed here.
 * <p>
 * A user handed over to the customer-service tool gets no automatic reply while the hold
 * lasts ({@link TransferHolds}): the decision is {@link Outcome#HANDED_OVER}, and
 * {@link ReplyPlanned} is published without replies (the user's allowance still moves).
 * For a push answered with the transfer, {@link ReplyPlanned#beforeTransfer()} says which
 * replies the user must get first. A rule that hands the user to an agent puts them in
 * the desk's queue ({@link Holds#queue}), in the same transaction, for
 * {@code kefu.rules.agent-queue-hold}.
 */
@Component
class Responder {

	private final RuleMatchers matchers;

	private final TransferHolds holds;

	private final Holds agentHolds;

	private final Duration agentQueueHold;

	private final ReplyPlanner planner;

	private final RuleDecisions decisions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MeterRegistry meters;

	Responder(RuleMatchers matchers, TransferHolds holds, Holds agentHolds, RulesProperties properties,
			ReplyPlanner planner, RuleDecisions decisions, ApplicationEventPublisher events, Clock clock,
			MeterRegistry meters) {
		this.matchers = matchers;
		this.holds = holds;
		this.agentHolds = agentHolds;
		this.agentQueueHold = properties.agentQueueHold();
		this.planner = planner;
		this.decisions = decisions;
		this.events = events;
		this.clock = clock;
		this.meters = meters;
	}

	@EventListener
	void on(MessageReceived message) {
		Optional<ReplyPlanner.Plan> planned = this.holds.holds(message)
				? Optional.of(new ReplyPlanner.Plan(Outcome.HANDED_OVER, null, List.of(), 0))
				: this.planner.plan(this.matchers.matcher(message.appId()), message);
		planned.ifPresent((plan) -> {
			if (plan.toAgent()) {
				this.agentHolds.queue(message.appId(), message.openId(),
						message.receivedAt().plus(this.agentQueueHold));
			}
			String ruleId = (plan.rule() != null) ? plan.rule().id() : null;
			this.decisions.record(new RuleDecision(message.messageId(), message.appId(), message.openId(),
					plan.outcome(), ruleId, Instant.now(this.clock), "event".equals(message.msgType())));
			// rule hits (KEYWORD, WELCOME) and misses (DEFAULT, COOLDOWN, NO_RULE); per
			// app, not per rule,
			// so that the number of series stays bounded however many rules operators
			// write
			this.meters.counter("kefu.rules.decisions", "app", message.appId(), "outcome", plan.outcome().name())
				.increment();
			ReplyPlanned.Cause cause = "event".equals(message.msgType()) ? ReplyPlanned.Cause.ENTERED_CHAT
					: ReplyPlanned.Cause.USER_MESSAGE;
			this.events.publishEvent(new ReplyPlanned(message.messageId(), message.appId(), message.openId(), cause,
					message.receivedAt(), plan.answeringRuleId(), plan.replies(),
					message.transferred() ? plan.beforeTransfer() : 0));
		});
	}

}
