package dev.kefu.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.stereotype.Component;

/**
 * What makes deliveries durable across instances and restarts: a db-scheduler task that runs
 * every second on one instance of the cluster and hands to its {@link Dispatcher} every
 * message that nobody is working on although it should be, because the instance that planned
 * it stopped or died:
 * <ul>
 * <li>a part still PENDING {@link #UNCLAIMED_GRACE} after it was planned, never claimed;</li>
 * <li>a part whose next attempt is overdue by {@link #RETRY_GRACE}, including a part whose
 * attempt's hold ({@link DeliveryWorker#ATTEMPT_HOLD}) ran out because its instance died.</li>
 * </ul>
 * Claims in the database keep a late original attempt and the rescue from both sending.
 */
@Component
class OutboxSweep {

	static final String NAME = "outbox-sweep";

	static final Duration UNCLAIMED_GRACE = Duration.ofSeconds(10);

	static final Duration RETRY_GRACE = Duration.ofSeconds(5);

	private static final int BATCH = 500;

	private final DeliveryStore deliveries;

	private final Dispatcher dispatcher;

	private final Clock clock;

	OutboxSweep(DeliveryStore deliveries, Dispatcher dispatcher, Clock clock) {
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/** Dispatches the abandoned messages; answers how many. */
	int sweep() {
		Instant now = this.clock.instant();
		int rescued = 0;
		for (String messageId : this.deliveries.abandoned(now.minus(UNCLAIMED_GRACE), now.minus(RETRY_GRACE), BATCH)) {
			if (!this.dispatcher.inHand(messageId)) {
				this.dispatcher.dispatch(messageId, this.deliveries.unsent(messageId));
				rescued++;
			}
		}
		return rescued;
	}

	RecurringTask<Void> task() {
		return Tasks.recurring(NAME, FixedDelay.ofSeconds(1)).execute((instance, context) -> sweep());
	}

}
