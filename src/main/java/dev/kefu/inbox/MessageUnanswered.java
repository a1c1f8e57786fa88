package dev.kefu.inbox;

import java.time.Instant;

/**
 * kefu gave up planning the answer to a recorded message: every attempt to decide and
 * store its reply failed, for {@code reason}. Published synchronously in the transaction
 * that records the giving up, so that the message shows as a dead letter among the
 * deliveries.
 *
 * @param messageId kefu's id of the recorded message
 * @param appId the mini program
 * @param openId the user
 * @param receivedAt when the push arrived
 * @param reason the last failure, for operators
 */
public record MessageUnanswered(String messageId, String appId, String openId, Instant receivedAt, String reason) {
}
