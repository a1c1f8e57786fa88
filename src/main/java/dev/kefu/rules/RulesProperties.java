package dev.kefu.rules;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the rules module ({@code kefu.rules.*}).
 *
 * @param refreshInterval {@code kefu.rules.refresh-interval}: how often each instance
 * checks the database for rules changed by another instance (a change shows within this
 * interval plus the time to recompile)
 * @param transferHold {@code kefu.rules.transfer-hold}: a user handed over to the
 * customer-service tool ("转人工") gets no automatic reply (keyword, default) until this
 * long after their last message, as WeChat's own hand-over ends after 30 minutes of
 * inactivity; entering the chat again ends it at once. {@code 0} turns the hold off
 * @param agentQueueHold {@code kefu.rules.agent-queue-hold}: a user a rule hands to an
 * agent waits in the desk's queue, the keyword and default rules silent for them, until
 * an agent claims the conversation or this long after the hand-over
 */
@ConfigurationProperties("kefu.rules")
@Validated
record RulesProperties(
		@DefaultValue("1s") @NotNull(message = "kefu.rules.refresh-interval must be set") Duration refreshInterval,
		@DefaultValue("30m") @NotNull(message = "kefu.rules.transfer-hold must be set") Duration transferHold,
		@DefaultValue("30m") @NotNull(message = "kefu.rules.agent-queue-hold must be set") Duration agentQueueHold) {

	@AssertTrue(message = "kefu.rules.agent-queue-hold must be positive")
	boolean isAgentQueueHoldPositive() {
		return this.agentQueueHold == null || !(this.agentQueueHold.isNegative() || this.agentQueueHold.isZero());
	}

	@AssertTrue(message = "kefu.rules.refresh-interval must be positive")
	boolean isRefreshIntervalPositive() {
		return this.refreshInterval == null || !(this.refreshInterval.isNegative() || this.refreshInterval.isZero());
	}

	@AssertTrue(message = "kefu.rules.transfer-hold must not be negative")
	boolean isTransferHoldNotNegative() {
		return this.transferHold == null || !this.transferHold.isNegative();
	}

}
