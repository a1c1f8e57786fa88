package dev.kefu.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What makes deliveries survive the death of the instance that planned them: every instance,
 * once a second, hands to its {@link Dispatcher} each message with an unsent part whose lease
 * (or retry time) ran out more than {@link #GRACE} ago and that this instance does not hold
 * itself. A live instance renews nothing: its lease is longer than any attempt, and its own
 * timer fires a retry before the sweep of another instance would. Claims in the database (a
 * conditional update on the attempt count) keep two instances, or a late original attempt and
 * a rescue, from both sending; so takeover needs no leader and no heartbeat, and a restarting
 * instance takes only what nobody holds. A dead instance's parts are taken over within
 * {@code kefu.outbox.takeover} ({@link OutboxProperties#lease()} + {@link OutboxProperties#SWEEP_SLACK}).
 */
@Component
class OutboxSweep implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxSweep.class);

	/** A lapsed lease waits this long, so the owner's own retry timer goes first. */
	static final Duration GRACE = Duration.ofSeconds(1);

	private static final int BATCH = 500;

	private final DeliveryStore deliveries;

	private final Dispatcher dispatcher;

	private final Clock clock;

	private volatile ScheduledExecutorService loop;

	OutboxSweep(DeliveryStore deliveries, Dispatcher dispatcher, Clock clock) {
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

	private void runOnce() {
		try {
			int rescued = sweep();
			if (rescued > 0) {
				log.info("Took over {} messages whose deliveries nobody held", rescued);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not sweep the outbox: {}", ex.toString());
		}
	}

	@Override
	public synchronized void start() {
		if (this.loop != null) {
			return;
		}
		this.loop = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "outbox-sweep");
			thread.setDaemon(true);
			return thread;
		});
		long offset = ThreadLocalRandom.current().nextLong(1000);
		this.loop.scheduleWithFixedDelay(this::runOnce, offset, 1000, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.loop != null) {
			this.loop.shutdownNow();
			this.loop = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

	/** Starts once the dispatcher runs, and stops before it. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
