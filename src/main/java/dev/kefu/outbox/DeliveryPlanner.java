package dev.kefu.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns each {@link ReplyPlanned} into deliveries, in the transaction that consumes the event:
 * the parts the user's allowance lets through are PENDING, the rest SKIPPED_QUOTA. Once that
 * transaction commits they are sent at once by this instance ({@link Dispatcher}); should it
 * stop first, {@link OutboxSweep} hands them to another. The event registry
 * hands the event over again if this transaction does not commit; a message whose deliveries
 * exist already is not planned twice, also when two instances consume it at the same time.
 */
@Component
class DeliveryPlanner {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryPlanner.class);

	private final DeliveryStore deliveries;

	private final AllowanceStore allowances;

	private final Dispatcher dispatcher;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ReplyCodec codec = new ReplyCodec();

	private final TransactionTemplate savepoint;

	DeliveryPlanner(DeliveryStore deliveries, AllowanceStore allowances, Dispatcher dispatcher, Clock clock,
			MeterRegistry meters, PlatformTransactionManager transactions) {
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.deliveries = deliveries;
		this.allowances = allowances;
		this.dispatcher = dispatcher;
		this.clock = clock;
		this.meters = meters;
	}

	@ApplicationModuleListener
	void on(ReplyPlanned planned) {
		try {
			this.savepoint.executeWithoutResult((status) -> store(planned));
		}
		catch (DuplicateKeyException ex) {
			// The event was consumed before (the registry hands events over again after a
			// restart, maybe to two instances at once): its deliveries exist, this plan is undone.
			logger.debug("Reply to message {} was planned already", planned.messageId());
		}
	}

	private void store(ReplyPlanned planned) {
		Instant now = this.clock.instant();
		List<Reply> replies = planned.replies();
		Grant grant = this.allowances.plan(planned.appId(), planned.openId(), planned.messageId(),
				Window.openedBy(planned.cause(), planned.receivedAt()), replies.size(),
				() -> this.deliveries.countUnsent(planned.appId(), planned.openId()));
		if (grant.reset()) {
			this.deliveries.extendUnsent(planned.appId(), planned.openId(), grant.deadline(), now);
		}
		List<DeliveryStore.Row> pending = new java.util.ArrayList<>();
		for (int i = 0; i < replies.size(); i++) {
			boolean allowed = i < grant.granted();
			Reply reply = replies.get(i);
			Delivery delivery = new Delivery(UUID.randomUUID().toString(), planned.appId(), planned.openId(),
					planned.messageId(), i, planned.ruleId(), ReplyCodec.type(reply),
					allowed ? DeliveryStatus.PENDING : DeliveryStatus.SKIPPED_QUOTA, 0, null,
					allowed ? null : "the user's allowance was used by earlier parts", planned.receivedAt(),
					grant.deadline(), null, now, now, null);
			DeliveryStore.Row row = new DeliveryStore.Row(delivery, this.codec.encode(reply));
			this.deliveries.insert(row);
			if (allowed) {
				pending.add(row);
			}
			else {
				this.meters.counter("kefu.outbox.deliveries", "status", DeliveryStatus.SKIPPED_QUOTA.name()).increment();
			}
		}
		if (!pending.isEmpty()) {
			this.dispatcher.dispatchAfterCommit(planned.messageId(), pending);
		}
	}

}
