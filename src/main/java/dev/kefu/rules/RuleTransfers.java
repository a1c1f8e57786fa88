package dev.kefu.rules;

import java.time.Clock;

import dev.kefu.inbox.TransferDecision;

import org.springframework.stereotype.Component;

/**
 * Tells the inbox, while it answers a push, whether the rule that will answer the message
 * hands the user over to the customer-service tool. From memory: the app's compiled
 * matcher. A transfer is not a message sent, so a default rule's cooldown does not hold
 * it back. Nobody is transferred while their conversation is held ({@link Holds}).
 */
@Component
class RuleTransfers implements TransferDecision {

	private final RuleMatchers matchers;

	private final Clock clock;

	private final Holds holds;

	RuleTransfers(RuleMatchers matchers, Holds holds, Clock clock) {
		this.matchers = matchers;
		this.holds = holds;
		this.clock = clock;
	}

	@Override
	public boolean transfers(String appId, String openId, String msgType, String content) {
		if (appId == null || msgType == null || "event".equals(msgType)
				|| this.holds.silences(appId, openId, this.clock.instant())) {
			return false;
		}
		return this.matchers.matcher(appId)
			.answering(msgType, content, this.clock.instant())
			.map(Rule::transfers)
			.orElse(false);
	}

}
