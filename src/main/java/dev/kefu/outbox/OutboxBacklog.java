package dev.kefu.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The deliveries waiting to be sent, as gauges ({@code kefu.outbox.backlog},
 * {@code kefu.outbox.oldest.pending.age} in seconds) and as the {@code outbox} health
 * details. One query serves both and is reused for a few seconds, so scrapes and health
 * checks do not load the database. The status stays UP: a backlog is a symptom to watch,
 * not a reason to take the instance out of service.
 */
@Component("outboxHealthIndicator")
class OutboxBacklog extends AbstractHealthIndicator {

	private static final Duration REUSE = Duration.ofSeconds(5);

	private final DeliveryStore store;

	private final Clock clock;

	private volatile Snapshot last;

	private record Snapshot(DeliveryStore.Backlog backlog, Instant takenAt) {
	}

	OutboxBacklog(DeliveryStore store, Clock clock, MeterRegistry meters) {
		this.store = store;
		this.clock = clock;
		Gauge.builder("kefu.outbox.backlog", this, (self) -> self.current().count())
			.description("Deliveries PENDING or RETRYING")
			.register(meters);
		Gauge.builder("kefu.outbox.oldest.pending.age", this, OutboxBacklog::oldestAgeSeconds)
			.description("Seconds since the oldest unsent delivery was planned")
			.baseUnit("seconds")
			.register(meters);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up()
			.withDetail("backlog", current().count())
			.withDetail("oldestPendingAgeSeconds", (long) oldestAgeSeconds());
	}

	private double oldestAgeSeconds() {
		Instant oldest = current().oldestCreatedAt();
		return (oldest != null) ? Math.max(0, Duration.between(oldest, this.clock.instant()).toSeconds()) : 0;
	}

	private DeliveryStore.Backlog current() {
		Instant now = this.clock.instant();
		Snapshot snapshot = this.last;
		if (snapshot == null || !now.isBefore(snapshot.takenAt().plus(REUSE))) {
			snapshot = new Snapshot(this.store.backlog(), now);
			this.last = snapshot;
		}
		return snapshot.backlog();
	}

}
