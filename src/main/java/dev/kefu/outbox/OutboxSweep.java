package dev.kefu.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.kefu.BackgroundTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What makes deliveries survive the death of the instance that planned them: every
 * instance, once a second, hands to its {@link Dispatcher} each message with an unsent
 * part whose lease (or retry time) ran out more than {@link #GRACE} ago and that this
 * instance does not hold itself. A live instance renews nothing: its lease is longer than
 * any attempt, and its own timer fires a retry before the sweep of another instance
 * would. Claims in the database (a conditional update on the attempt count) keep two
 * instances, or a late original attempt and a rescue, from both sending; so takeover
 * needs no leader and no heartbeat, and a restarting instance takes only what nobody
 * holds. A dead instance's parts are taken over within {@code kefu.outbox.takeover}
 * ({@link OutboxProperties#lease()} + {@link OutboxProperties#SWEEP_SLACK}).
 */
@Component
class OutboxSweep extends BackgroundTask {

	private static final Logger log = LoggerFactory.getLogger(OutboxSweep.class);

	/** A lapsed lease waits this long, so the owner's own retry timer goes first. */
	static final Duration GRACE = Duration.ofSeconds(1);

	private static final int BATCH = 500;

	private final DeliveryStore deliveries;

	private final Dispatcher dispatcher;

	private final Clock clock;

	OutboxSweep(DeliveryStore deliveries, Dispatcher dispatcher, Clock clock) {
		super("outbox-sweep", Duration.ofSeconds(1));
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/** Dispatches the abandoned messages; answers how many. */
	int sweep() {
		Instant now = this.clock.instant();
		int rescued = 0;
		for (String messageId : this.deliveries.abandoned(now.minus(GRACE), BATCH)) {
			if (!this.dispatcher.inHand(messageId)) {
				this.dispatcher.dispatch(messageId, this.deliveries.unsent(messageId));
				rescued++;
			}
		}
		return rescued;
	}

	@Override
	protected void runOnce() {
		int rescued = sweep();
		if (rescued > 0) {
			log.info("Took over {} messages whose deliveries nobody held", rescued);
		}
	}

}
