package dev.kefu.inbox;

/**
 * Whether a user message is answered with {@code transfer_customer_service}. Called
 * synchronously while answering a push, for user messages only (never for events), so
 * implementations must answer from memory in microseconds.
 */
public interface TransferDecision {

	boolean transfers(String appId, String openId, String msgType, String content);

}
