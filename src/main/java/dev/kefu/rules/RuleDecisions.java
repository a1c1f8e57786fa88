package dev.kefu.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code rules_decision} table: the decision stored with every message the rules
 * answered (or could not), for the console's hit counts and its inbox of unmatched
 * messages.
 */
@Repository
public class RuleDecisions {

	private static final String COLUMNS = "message_id, app_id, open_id, outcome, rule_id, decided_at, entered_chat";

	private final JdbcClient jdbc;

	RuleDecisions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The decision for a message, once the rules have made it. */
	public Optional<RuleDecision> find(String messageId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM rules_decision WHERE message_id = ?")
			.param(messageId)
			.query(RuleDecisions::decision)
			.optional();
	}

	/**
	 * The app's latest decisions, newest first.
	 * @param unmatchedOnly only messages no keyword or welcome rule answered (not a user
	 * entering the chat, and not held for the customer-service tool or an agent)
	 * @param limit at most this many
	 */
	public List<RuleDecision> recent(String appId, boolean unmatchedOnly, int limit) {
		String where = unmatchedOnly
				? " AND outcome NOT IN ('KEYWORD', 'WELCOME', 'HANDED_OVER', 'HELD') AND entered_chat = FALSE" : "";
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM rules_decision WHERE app_id = ?" + where
					+ " ORDER BY decided_at DESC, message_id LIMIT ?")
			.params(appId, limit)
			.query(RuleDecisions::decision)
			.list();
	}

	/** How many messages a rule answered since {@code since}. */
	public long hits(String appId, String ruleId, Instant since) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM rules_decision WHERE app_id = ? AND rule_id = ? AND decided_at >= ? "
					+ "AND outcome IN ('KEYWORD', 'DEFAULT', 'WELCOME')")
			.params(appId, ruleId, since.toEpochMilli())
			.query(Long.class)
			.single();
	}

	/**
	 * How many messages each rule answered on each day of {@code [from, until)}, days of
	 * {@code zone} (at its offset at {@code from}: the zones kefu's apps use have no
	 * daylight saving time).
	 * @return rule id to day to count; days and rules without any left out
	 */
	public Map<String, Map<LocalDate, Long>> hitsPerRuleAndDay(String appId, Instant from, Instant until, ZoneId zone) {
		long offset = zone.getRules().getOffset(from).getTotalSeconds() * 1000L;
		Map<String, Map<LocalDate, Long>> hits = new HashMap<>();
		this.jdbc
			// grouped in a derived table: one parameterised expression cannot be both
			// selected and grouped by
			.sql("SELECT rule_id, day_number, COUNT(*) AS hits FROM (SELECT rule_id, FLOOR((decided_at + ?) / 86400000) "
					+ "AS day_number FROM rules_decision WHERE app_id = ? AND decided_at >= ? AND decided_at < ? "
					+ "AND rule_id IS NOT NULL AND outcome IN ('KEYWORD', 'DEFAULT', 'WELCOME')) days "
					+ "GROUP BY rule_id, day_number")
			.params(offset, appId, from.toEpochMilli(), until.toEpochMilli())
			.query((rs, row) -> hits.computeIfAbsent(rs.getString("rule_id"), (id) -> new HashMap<>())
				.put(LocalDate.ofEpochDay(rs.getLong("day_number")), rs.getLong("hits")))
			.list();
		return hits;
	}

	void record(RuleDecision decision) {
		this.jdbc.sql("INSERT INTO rules_decision (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(decision.messageId(), decision.appId(), decision.openId(), decision.outcome().name(),
					decision.ruleId(), decision.decidedAt().toEpochMilli(), decision.enteredChat())
			.update();
	}

	private static RuleDecision decision(ResultSet rs, int row) throws SQLException {
		return new RuleDecision(rs.getString("message_id"), rs.getString("app_id"), rs.getString("open_id"),
				Outcome.valueOf(rs.getString("outcome")), rs.getString("rule_id"),
				Instant.ofEpochMilli(rs.getLong("decided_at")), rs.getBoolean("entered_chat"));
	}

}
