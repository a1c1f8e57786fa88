package dev.kefu.rules;

import java.time.Instant;

/**
 * What the rules decided for one received message.
 *
 * @param messageId the inbox message
 * @param appId the mini program
 * @param openId the user
 * @param outcome how it was answered, or why not
 * @param ruleId the rule that answered or was held back by its cooldown; {@code null} if
 * none
 * @param decidedAt when the decision was made
 * @param enteredChat whether it was about the user entering the chat
 * ({@code user_enter_tempsession}) rather than a message
 */
public record RuleDecision(String messageId, String appId, String openId, Outcome outcome, String ruleId,
		Instant decidedAt, boolean enteredChat) {
}
