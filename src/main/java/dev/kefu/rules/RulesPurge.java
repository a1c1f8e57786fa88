package dev.kefu.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.kefu.RetentionPurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Deletes decisions made longer ago than {@code kefu.rules.retention}, cooldown marks
 * ({@code rules_firing}) older than both the retention and the longest cooldown any
 * stored rule has, hand-over holds ({@code rules_transfer_hold}) that have ended and
 * agents' holds ({@code rules_hold}) that lapsed (released ones are deleted on release),
 * in batches by primary key (see {@link RetentionPurge}), on every instance.
 * <p>
 * A cooldown mark may only go once no rule could still hold its user back: a missing mark
 * lets the next DEFAULT or WELCOME answer through. Rule cooldowns have no upper bound, so
 * the longest is read from the rules at each run (disabled rules included: they may be
 * enabled again), and never taken as less than the {@link Rule#DEFAULT_WELCOME_PERIOD}. A
 * cooldown lengthened later does not bring back marks deleted before; those users may be
 * answered once more, earlier than the new cooldown says.
 */
@Component
class RulesPurge extends RetentionPurge {

	private static final Logger logger = LoggerFactory.getLogger(RulesPurge.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final RulesRetentionProperties properties;

	RulesPurge(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
			RulesRetentionProperties properties) {
		super("rules", properties.purgeInterval(), transactionManager);
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void purge() {
		Instant now = this.clock.instant();
		Instant decisionsCutoff = now.minus(this.properties.retention());
		long decisions = purgeDecisions(decisionsCutoff.toEpochMilli());
		Duration keep = longest(this.properties.retention(), longestCooldown());
		Instant firingsCutoff = now.minus(keep);
		long firings = purgeFirings(firingsCutoff.toEpochMilli());
		long holds = purgeHolds(now.toEpochMilli());
		long agentHolds = purgeAgentHolds(now.toEpochMilli());
		if (decisions > 0 || firings > 0 || holds > 0 || agentHolds > 0) {
			logger.info(
					"Purged {} rule decisions made before {}, {} cooldown marks set before {}, {} ended "
							+ "hand-overs and {} lapsed agent holds",
					decisions, decisionsCutoff, firings, firingsCutoff, holds, agentHolds);
		}
	}

	private long purgeHolds(long now) {
		// ix_rules_transfer_hold_until serves the select; a hold moved on since it was
		// selected stays
		return deleteWhere(this.jdbc, "rules_transfer_hold", "held_until < :before", Map.of("before", now), "app_id",
				"open_id");
	}

	private long purgeAgentHolds(long now) {
		// ix_rules_hold_until serves the select; a hold taken again since it was selected
		// lapses later and stays
		return deleteWhere(this.jdbc, "rules_hold", "held_until < :before", Map.of("before", now), "app_id", "open_id");
	}

	private long purgeDecisions(long before) {
		// ix_rules_decision_decided serves the select
		return deleteWhere(this.jdbc, "rules_decision", "decided_at < :before", Map.of("before", before), "message_id");
	}

	private long purgeFirings(long before) {
		// ix_rules_firing_last serves the select; the delete finds each row by its
		// primary key.
		// A mark claimed again since it was selected has a new last_at and stays.
		return deleteWhere(this.jdbc, "rules_firing", "last_at < :before", Map.of("before", before), "app_id",
				"open_id", "trigger_kind");
	}

	/** The longest cooldown a stored rule has, at least the default welcome period. */
	private Duration longestCooldown() {
		long longest = this.jdbc.sql("SELECT COALESCE(MAX(cooldown_ms), 0) FROM rules_rule").query(Long.class).single();
		return longest(Rule.DEFAULT_WELCOME_PERIOD, Duration.ofMillis(longest));
	}

	private static Duration longest(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
