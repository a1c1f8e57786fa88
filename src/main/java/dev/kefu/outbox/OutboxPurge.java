package dev.kefu.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.kefu.RetentionPurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Deletes deliveries in a final status that last changed longer ago than
 * {@code kefu.outbox.retention}, and allowances whose window ended longer ago than that,
 * in batches by primary key (see {@link RetentionPurge}), on every instance. A delivery
 * still to be sent (PENDING, RETRYING) is never deleted, however old.
 */
@Component
class OutboxPurge extends RetentionPurge {

	private static final Logger logger = LoggerFactory.getLogger(OutboxPurge.class);

	/**
	 * The statuses a delivery never leaves on its own (an operator may still retry a
	 * FAILED one).
	 */
	static final List<String> FINAL = Arrays.stream(DeliveryStatus.values())
		.filter(OutboxPurge::isFinal)
		.map(DeliveryStatus::name)
		.toList();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final OutboxRetentionProperties properties;

	OutboxPurge(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
			OutboxRetentionProperties properties) {
		super("outbox", properties.purgeInterval(), transactionManager);
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/** No default branch: a new status does not compile until it is decided here. */
	static boolean isFinal(DeliveryStatus status) {
		return switch (status) {
			case PENDING, RETRYING -> false;
			case SENT, FAILED, EXPIRED, SKIPPED_QUOTA -> true;
		};
	}

	@Override
	public void purge() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		long before = cutoff.toEpochMilli();
		long deliveries = purgeDeliveries(before);
		long allowances = purgeAllowances(before);
		if (deliveries > 0 || allowances > 0) {
			logger.info("Purged {} finished deliveries last changed and {} allowances whose window ended before {}",
					deliveries, allowances, cutoff);
		}
	}

	private long purgeDeliveries(long before) {
		// A delivery is created before it last changes, so created_at < before adds no
		// condition
		// but lets the select use ix_outbox_delivery_status (status, created_at), sparing
		// the hot
		// table another index. The delete checks status and time again: an operator may
		// have
		// retried a dead letter since it was selected.
		return deleteWhere(this.jdbc, "outbox_delivery",
				"status IN (:final) AND created_at < :before AND updated_at < :before",
				Map.of("final", FINAL, "before", before), "id");
	}

	private long purgeAllowances(long before) {
		// ix_outbox_allowance_window_end serves the select. A user who wrote again since
		// has a
		// window that ends later, and keeps the row.
		return deleteWhere(this.jdbc, "outbox_allowance", "window_end_at < :before", Map.of("before", before), "app_id",
				"open_id");
	}

}
