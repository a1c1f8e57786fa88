package dev.kefu.outbox;

import java.time.Instant;

/**
 * One reply part on its way to a user, as the console and the REST API show it.
 *
 * @param id the delivery id
 * @param appId the mini program
 * @param openId the user
 * @param messageId the inbox message it answers
 * @param partIndex its position among the message's replies, from 0
 * @param ruleId the rule that planned it, or {@code null}
 * @param type {@code text}, {@code link}, {@code image} or {@code miniprogrampage}
 * @param status where it stands
 * @param attempts how many times it was sent (or tried)
 * @param lastErrcode WeChat's last errcode, or {@code null}
 * @param lastErrmsg WeChat's last errmsg or why it stopped, or {@code null}
 * @param receivedAt when the user's push arrived
 * @param deadlineAt when the user's sending window closes
 * @param nextAttemptAt when it is tried next, or {@code null}
 * @param createdAt when it was planned
 * @param updatedAt when it last changed
 * @param sentAt when WeChat accepted it, or {@code null}
 */
public record Delivery(String id, String appId, String openId, String messageId, int partIndex, String ruleId,
		String type, DeliveryStatus status, int attempts, Integer lastErrcode, String lastErrmsg, Instant receivedAt,
		Instant deadlineAt, Instant nextAttemptAt, Instant createdAt, Instant updatedAt, Instant sentAt) {
}
