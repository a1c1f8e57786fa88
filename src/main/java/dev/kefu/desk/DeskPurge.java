package dev.kefu.desk;

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
 * Deletes desk audit entries ({@code desk_audit}) and read markers ({@code desk_read})
 * older than {@code kefu.desk.retention}, in batches by primary key (see
 * {@link RetentionPurge}), on every instance. A read marker that goes makes an old
 * conversation count as unread again, which only shows if its user writes again; and by
 * then the inbox has usually purged their old messages too.
 */
@Component
class DeskPurge extends RetentionPurge {

	private static final Logger logger = LoggerFactory.getLogger(DeskPurge.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final DeskProperties properties;

	DeskPurge(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock, DeskProperties properties) {
		super("desk", properties.purgeInterval(), transactionManager);
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void purge() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		Map<String, Long> before = Map.of("before", cutoff.toEpochMilli());
		// ix_desk_audit_acted and ix_desk_read_at serve the selects
		long audit = deleteWhere(this.jdbc, "desk_audit", "acted_at < :before", before, "id");
		long read = deleteWhere(this.jdbc, "desk_read", "read_at < :before", before, "app_id", "open_id", "username");
		if (audit > 0 || read > 0) {
			logger.info("Purged {} desk audit entries and {} read markers older than {}", audit, read, cutoff);
		}
	}

}
