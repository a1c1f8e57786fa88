package dev.kefu.links;

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
 * Deletes codes made and clicks recorded longer ago than {@code kefu.links.retention}, in
 * batches by primary key (see {@link RetentionPurge}), on every instance. The retention
 * is at least the validity, so a code is never deleted while it still redirects.
 */
@Component
class LinksPurge extends RetentionPurge {

	private static final Logger logger = LoggerFactory.getLogger(LinksPurge.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final LinksProperties properties;

	LinksPurge(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
			LinksProperties properties) {
		super("links", properties.purgeInterval(), transactionManager);
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void purge() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		Map<String, Long> before = Map.of("before", cutoff.toEpochMilli());
		long clicks = deleteWhere(this.jdbc, "links_click", "clicked_at < :before", before, "id");
		long codes = deleteWhere(this.jdbc, "links_code", "issued_at < :before", before, "code");
		if (clicks > 0 || codes > 0) {
			logger.info("Purged {} link codes and {} clicks made before {}", codes, clicks, cutoff);
		}
	}

}
