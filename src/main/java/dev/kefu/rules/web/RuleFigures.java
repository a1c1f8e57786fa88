package dev.kefu.rules.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only figures for the console, straight from the rules' own decisions
 * ({@code rules_decision}): messages and hits per day, hit counts per rule.
 * <p>
 * Every message the rules decided on counts as a message; a hit is a message a keyword
 * rule answered. Days are the app's days.
 */
@Component
class RuleFigures {

	private static final long DAY = 86_400_000L;

	private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd");

	private final JdbcClient jdbc;

	private final Clock clock;

	RuleFigures(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * One day of traffic.
	 *
	 * @param label e.g. {@code 11-23}
	 * @param messages messages decided on; a user entering the chat is not a message
	 * @param hits of which a keyword rule answered
	 */
	record Day(String label, long messages, long hits) {
	}

	/**
	 * The last {@code days} days, oldest first, today last; days without traffic count
	 * zero.
	 */
	List<Day> perDay(String appId, ZoneId zone, int days) {
		Instant now = this.clock.instant();
		// a fixed offset keeps the grouping one portable expression; Chinese time has no
		// DST
		long offset = zone.getRules().getOffset(now).getTotalSeconds() * 1000L;
		LocalDate today = LocalDate.ofInstant(now, zone);
		long from = today.minusDays(days - 1).atStartOfDay(zone).toInstant().toEpochMilli();
		Map<Long, long[]> counts = new HashMap<>();
		this.jdbc
			// grouped in a derived table: one parameterised expression cannot be both
			// selected and grouped by
			.sql("SELECT day_number, COUNT(*) AS messages, SUM(CASE WHEN outcome = 'KEYWORD' THEN 1 ELSE 0 END) AS hits "
					+ "FROM (SELECT FLOOR((decided_at + ?) / " + DAY + ") AS day_number, outcome FROM rules_decision "
					+ "WHERE app_id = ? AND decided_at >= ? AND entered_chat = FALSE) days GROUP BY day_number")
			.params(offset, appId, from)
			.query((rs, n) -> counts.put(rs.getLong("day_number"),
					new long[] { rs.getLong("messages"), rs.getLong("hits") }))
			.list();
		List<Day> result = new ArrayList<>();
		for (int i = days - 1; i >= 0; i--) {
			LocalDate day = today.minusDays(i);
			long[] c = counts.getOrDefault(day.toEpochDay(), new long[2]);
			result.add(new Day(LABEL.format(day), c[0], c[1]));
		}
		return result;
	}

	/**
	 * @param ruleId the rule
	 * @param name its name now ({@code null} if it was deleted)
	 * @param hits messages it answered in the period
	 */
	record RuleHits(String ruleId, String name, long hits) {
	}

	/** The rules that answered most since {@code since}, most first. */
	List<RuleHits> topRules(String appId, Instant since, int limit) {
		return this.jdbc.sql(
				"SELECT d.rule_id, r.name, COUNT(*) AS hits FROM rules_decision d LEFT JOIN rules_rule r ON r.id = d.rule_id "
						+ "WHERE d.app_id = ? AND d.decided_at >= ? AND d.rule_id IS NOT NULL "
						+ "GROUP BY d.rule_id, r.name ORDER BY hits DESC, d.rule_id LIMIT " + limit)
			.params(appId, since.toEpochMilli())
			.query((rs, n) -> new RuleHits(rs.getString("rule_id"), rs.getString("name"), rs.getLong("hits")))
			.list();
	}

	/** Hits per rule of the app since {@code since}. */
	Map<String, Long> hitsByRule(String appId, Instant since) {
		Map<String, Long> hits = new HashMap<>();
		this.jdbc
			.sql("SELECT rule_id, COUNT(*) AS hits FROM rules_decision WHERE app_id = ? AND decided_at >= ? "
					+ "AND rule_id IS NOT NULL GROUP BY rule_id")
			.params(appId, since.toEpochMilli())
			.query((rs, n) -> hits.put(rs.getString("rule_id"), rs.getLong("hits")))
			.list();
		return hits;
	}

	/** The start of today in the app's zone. */
	Instant startOfToday(ZoneId zone) {
		return LocalDate.ofInstant(this.clock.instant(), zone).atStartOfDay(zone).toInstant();
	}

	/** The start of the day six days before today: seven days including today. */
	Instant startOfWeek(ZoneId zone) {
		return LocalDate.ofInstant(this.clock.instant(), zone).minusDays(6).atStartOfDay(zone).toInstant();
	}

}
