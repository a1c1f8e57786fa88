package dev.kefu.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.kefu.TimeOrderedIds;
import dev.kefu.inbox.MessageUnanswered;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns each {@link ReplyPlanned} into deliveries, synchronously in the transaction that
 * publishes it (the inbox's, which records the push): the parts the user's allowance lets
 * through are PENDING, the rest SKIPPED_QUOTA. The PENDING parts are inserted leased to
 * this instance ({@code next_attempt_at} = now + the lease) and the first one already
 * claimed for its first attempt, so they cost no further write before the send. Once the
 * transaction commits this instance sends them at once ({@link Dispatcher}); should it
 * die first, the lease runs out and {@link OutboxSweep} on any instance takes them over.
 * When the push is answered with a transfer, the inbox waits for the parts planned before
 * it ({@link TransferWaits}).
 * <p>
 * A message the inbox gave up planning ({@link MessageUnanswered}) becomes one FAILED
 * delivery of type {@value #UNPLANNED} carrying the reason, so operators see it among the
 * dead letters.
 */
@Component
class DeliveryPlanner {

	/**
	 * The type of the delivery that stands for a message whose reply could not be
	 * planned.
	 */
	static final String UNPLANNED = "unplanned";

	private final DeliveryStore deliveries;

	private final AllowanceStore allowances;

	private final Dispatcher dispatcher;

	private final TransferWaits transferWaits;

	private final Clock clock;

	private final Duration lease;

	private final Counter skipped;

	private final Counter failed;

	DeliveryPlanner(DeliveryStore deliveries, AllowanceStore allowances, Dispatcher dispatcher,
			TransferWaits transferWaits, Clock clock, MeterRegistry meters, OutboxProperties properties) {
		this.deliveries = deliveries;
		this.allowances = allowances;
		this.dispatcher = dispatcher;
		this.transferWaits = transferWaits;
		this.clock = clock;
		this.lease = properties.lease();
		this.skipped = meters.counter("kefu.outbox.deliveries", "status", DeliveryStatus.SKIPPED_QUOTA.name());
		this.failed = meters.counter("kefu.outbox.deliveries", "status", DeliveryStatus.FAILED.name());
	}

	@EventListener
	void on(ReplyPlanned planned) {
		Instant now = this.clock.instant();
		List<Reply> replies = planned.replies();
		Grant grant = this.allowances.plan(planned.appId(), planned.openId(), planned.messageId(),
				Window.openedBy(planned.cause(), planned.receivedAt()), replies.size(),
				() -> this.deliveries.countUnsent(planned.appId(), planned.openId()));
		if (grant.reset()) {
			this.deliveries.extendUnsent(planned.appId(), planned.openId(), grant.deadline(), now);
		}
		if (replies.isEmpty()) {
			return;
		}
		Instant leasedUntil = now.plus(this.lease);
		List<DeliveryStore.Row> stored = new ArrayList<>(replies.size());
		List<DeliveryStore.Row> pending = new ArrayList<>(replies.size());
		for (int i = 0; i < replies.size(); i++) {
			boolean allowed = i < grant.granted();
			boolean claimed = allowed && i == 0;
			Reply reply = replies.get(i);
			Delivery delivery = new Delivery(TimeOrderedIds.next(now), planned.appId(), planned.openId(),
					planned.messageId(), i, planned.ruleId(), reply.type(),
					allowed ? DeliveryStatus.PENDING : DeliveryStatus.SKIPPED_QUOTA, claimed ? 1 : 0, null,
					allowed ? null : "the user's allowance was used by earlier parts", planned.receivedAt(),
					grant.deadline(), allowed ? leasedUntil : null, now, now, null);
			DeliveryStore.Row row = new DeliveryStore.Row(delivery, DeliveryStore.replyJson(reply));
			stored.add(row);
			if (allowed) {
				// in hand here: sent as soon as the transaction commits, the lease is for
				// others
				pending.add(row.inHand(claimed));
			}
			else {
				this.skipped.increment();
			}
		}
		this.deliveries.insert(stored);
		if (!pending.isEmpty()) {
			int beforeTransfer = Math.min(planned.beforeTransfer(), pending.size());
			if (beforeTransfer > 0) {
				this.transferWaits.expectAfterCommit(planned.messageId(), beforeTransfer);
			}
			this.dispatcher.dispatchAfterCommit(planned.messageId(), pending);
		}
	}

	@EventListener
	void on(MessageUnanswered unanswered) {
		Instant now = this.clock.instant();
		Delivery delivery = new Delivery(TimeOrderedIds.next(now), unanswered.appId(), unanswered.openId(),
				unanswered.messageId(), 0, null, UNPLANNED, DeliveryStatus.FAILED, 0, null,
				"no reply could be planned: " + unanswered.reason(), unanswered.receivedAt(), now, null, now, now,
				null);
		this.deliveries.insert(List.of(new DeliveryStore.Row(delivery, "{}")));
		this.failed.increment();
	}

}
