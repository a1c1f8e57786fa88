package dev.kefu.inbox;

/**
 * Decides, while a push is being answered, whether the answer is
 * {@code transfer_customer_service} (hand the user to WeChat's web customer-service tool)
 * instead of {@code success}. This is the only passive reply a mini program can give, so
 * it has to be known before the HTTP answer.
 * <p>
 * Called on the request thread for user messages only (never for events); implementations
 * must answer from memory in microseconds and must not throw. At most one bean; without
 * one, kefu never transfers.
 */
public interface TransferDecision {

	boolean transfers(String appId, String openId, String msgType, String content);

}
