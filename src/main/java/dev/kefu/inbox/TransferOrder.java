package dev.kefu.inbox;

import java.util.concurrent.CompletableFuture;

/**
 * Keeps a hand-over behind the replies planned before it. WeChat hands the user to its
 * customer-service tool when it gets the {@code transfer_customer_service} answer, while
 * replies go out through the send API after the push is recorded: so a rule's "connecting
 * you to an agent…" text planned before its transfer would reach the user after the
 * hand-over. Before it answers a recorded push with the transfer, the inbox waits
 * (briefly, see {@code CallbackEndpoint}) for what this returns.
 * <p>
 * At most one bean; without one the transfer is answered at once.
 */
public interface TransferOrder {

	/**
	 * Completes once the replies planned to go before the transfer of the message have
	 * been sent or will not be sent soon (a retry later, a closed window); already
	 * complete when none were planned, or when this instance is not the one sending them.
	 * Cancelling it means nobody waits any more. Never throws; answers from memory.
	 * @param messageId the inbox's id of the recorded push
	 * ({@link MessageReceived#messageId()})
	 */
	CompletableFuture<Void> repliesBeforeTransfer(String messageId);

}
