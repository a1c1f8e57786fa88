package dev.kefu.rules;

import java.time.Instant;
import java.util.List;

/**
 * The rules decided how to answer one user message or one entry into the chat. Published
 * for every user message and every {@code user_enter_tempsession}, also when there is
 * nothing to send, so that delivery can reset the user's allowance. A transfer to the
 * customer-service tool is answered passively on the push itself and never appears among
 * the replies; the replies that come before it in the rule are to reach the user before
 * the hand-over ({@code beforeTransfer}).
 *
 * @param messageId the inbox message this answers
 * @param appId the mini program
 * @param openId the user
 * @param cause what the user did
 * @param receivedAt when the push arrived (the sending window counts from here)
 * @param ruleId the rule whose replies these are, {@code null} when no rule answered
 * @param replies the messages to send, in order; possibly empty
 * @param beforeTransfer how many of the first replies go before the hand-over, when the
 * push is answered with {@code transfer_customer_service}; 0 otherwise
 */
public record ReplyPlanned(String messageId, String appId, String openId, Cause cause, Instant receivedAt,
		String ruleId, List<Reply> replies, int beforeTransfer) {

	public ReplyPlanned {
		replies = List.copyOf(replies);
		if (beforeTransfer < 0 || beforeTransfer > replies.size()) {
			throw new IllegalArgumentException(
					"beforeTransfer " + beforeTransfer + " of " + replies.size() + " replies");
		}
	}

	/** A plan without a transfer. */
	public ReplyPlanned(String messageId, String appId, String openId, Cause cause, Instant receivedAt, String ruleId,
			List<Reply> replies) {
		this(messageId, appId, openId, cause, receivedAt, ruleId, replies, 0);
	}

	public enum Cause {

		/** The user sent a message. */
		USER_MESSAGE,

		/** The user entered the chat ({@code user_enter_tempsession}). */
		ENTERED_CHAT

	}

}
