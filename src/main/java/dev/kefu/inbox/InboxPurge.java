package dev.kefu.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import dev.kefu.RetentionPurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Deletes recorded pushes received longer ago than {@code kefu.inbox.retention}, in
 * batches by primary key (see {@link RetentionPurge}), on every instance. Until then a
 * push's record keeps answering its retries as duplicates. Also deletes the
 * {@link ReplayCache}'s signatures once they expired (their timestamp is past
 * {@code kefu.wechat.max-clock-skew}, so the clock check refuses them anyway).
 */
@Component
class InboxPurge extends RetentionPurge {

	private static final Logger logger = LoggerFactory.getLogger(InboxPurge.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final InboxRetentionProperties properties;

	InboxPurge(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
			InboxRetentionProperties properties) {
		super("inbox", properties.purgeInterval(), transactionManager);
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void purge() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		long before = cutoff.toEpochMilli();
		// ix_inbox_message_received_at serves the select
		long deleted = deleteWhere(this.jdbc, "inbox_message", "received_at < :before", Map.of("before", before), "id");
		if (deleted > 0) {
			logger.info("Purged {} inbox messages received before {}", deleted, cutoff);
		}
		purgeExpiredSignatures();
	}

	private void purgeExpiredSignatures() {
		long now = this.clock.millis();
		// ix_inbox_replay_expires serves the select
		long deleted = deleteWhere(this.jdbc, "inbox_replay", "expires_at < :now", Map.of("now", now), "key_hash");
		if (deleted > 0) {
			logger.debug("Purged {} expired push signatures", deleted);
		}
	}

}
