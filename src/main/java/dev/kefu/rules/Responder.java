package dev.kefu.rules;

import java.time.Clock;
import java.time.Instant;

import dev.kefu.inbox.MessageReceived;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Answers every received message: decides with the app's matcher, stores the decision, and
 * publishes {@link ReplyPlanned}. It runs synchronously in the transaction that records the
 * message (the inbox publishes {@link MessageReceived} there), and so does the outbox's listener
 * of {@link ReplyPlanned}: the message, its decision and its deliveries commit together, and a
 * failure anywhere rolls all of them back for the inbox to retry. The inbox publishes each
 * message once per committed attempt, so no check for an earlier decision is needed here.
 */
@Component
class Responder {

	private final RuleMatchers matchers;

	private final ReplyPlanner planner;

	private final RuleDecisions decisions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MeterRegistry meters;

	Responder(RuleMatchers matchers, ReplyPlanner planner, RuleDecisions decisions, ApplicationEventPublisher events,
			Clock clock, MeterRegistry meters) {
		this.matchers = matchers;
		this.planner = planner;
		this.decisions = decisions;
		this.events = events;
		this.clock = clock;
		this.meters = meters;
	}

	@EventListener
	void on(MessageReceived message) {
		this.planner.plan(this.matchers.matcher(message.appId()), message).ifPresent((plan) -> {
			String ruleId = (plan.rule() != null) ? plan.rule().id() : null;
			this.decisions.record(new RuleDecision(message.messageId(), message.appId(), message.openId(),
					plan.outcome(), ruleId, Instant.now(this.clock)));
			// rule hits (KEYWORD, WELCOME) and misses (DEFAULT, COOLDOWN, NO_RULE); per app, not per rule,
			// so that the number of series stays bounded however many rules operators write
			this.meters.counter("kefu.rules.decisions", "app", message.appId(), "outcome", plan.outcome().name())
				.increment();
			ReplyPlanned.Cause cause = "event".equals(message.msgType()) ? ReplyPlanned.Cause.ENTERED_CHAT
					: ReplyPlanned.Cause.USER_MESSAGE;
			this.events.publishEvent(new ReplyPlanned(message.messageId(), message.appId(), message.openId(), cause,
					message.receivedAt(), plan.answeringRuleId(), plan.replies()));
		});
	}

}
