package dev.kefu.outbox;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.kefu.inbox.TransferOrder;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the inbox when the replies planned before a transfer have been sent, so that it
 * answers the push with {@code transfer_customer_service} only then: the user reads
 * "connecting you…" before the hand-over, not after it. From memory, on the instance that
 * planned the replies and sends them right after the commit: the planner expects the
 * first parts of a message, the worker settles each part as its attempt ends. Costs
 * nothing while no transfer is waited for.
 */
@Component
class TransferWaits implements TransferOrder {

	private static final CompletableFuture<Void> NONE = CompletableFuture.completedFuture(null);

	/** Messages whose first {@link Waiting#parts} parts the inbox waits for. */
	private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

	private record Waiting(int parts, CompletableFuture<Void> sent) {
	}

	/**
	 * Once the current transaction commits (the push with its deliveries), waits for the
	 * first {@code parts} parts of the message: they are in hand here, sent right after
	 * the commit.
	 */
	void expectAfterCommit(String messageId, int parts) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				CompletableFuture<Void> sent = new CompletableFuture<>();
				TransferWaits.this.waiting.put(messageId, new Waiting(parts, sent));
				// however it ends (sent, given up, or nobody waits any more) it is
				// forgotten
				sent.whenComplete((done, failure) -> TransferWaits.this.waiting.remove(messageId));
			}
		});
	}

	/**
	 * An attempt of a part ended: once the last awaited part is sent, or a part will not
	 * be sent soon (a retry later, an expired window), the wait is over. A part that
	 * failed for good does not end it: the worker goes on with the next part.
	 */
	void settled(Delivery part, DeliveryStatus status) {
		if (this.waiting.isEmpty()) {
			return;
		}
		Waiting wait = this.waiting.get(part.messageId());
		if (wait == null) {
			return;
		}
		boolean stopped = status == DeliveryStatus.RETRYING || status == DeliveryStatus.EXPIRED;
		if (stopped || part.partIndex() + 1 >= wait.parts()) {
			wait.sent().complete(null);
		}
	}

	@Override
	public CompletableFuture<Void> repliesBeforeTransfer(String messageId) {
		Waiting wait = this.waiting.get(messageId);
		return (wait != null) ? wait.sent() : NONE;
	}

}
