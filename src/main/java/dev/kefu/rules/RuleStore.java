package dev.kefu.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.kefu.rules.matching.Normalisation;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code rules_rule} and {@code rules_keyword} tables, and the per-app revision
 * counter every change moves. Replies are stored as the JSON array of the REST API.
 */
@Repository
class RuleStore {

	private static final String COLUMNS = "id, app_id, name, trigger_kind, priority, enabled, reply_mode, replies, "
			+ "active_from, active_until, business_days, business_from, business_until, session_from, cooldown_ms, "
			+ "version, created_at, updated_at";

	private static final TypeReference<List<RuleDocument.ReplyItem>> REPLIES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RuleStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** A rule as stored, with the number of its latest version. */
	record Stored(Rule rule, int version) {
	}

	List<Stored> all(String appId) {
		Map<String, List<Keyword>> keywords = new HashMap<>();
		this.jdbc
			.sql("SELECT rule_id, keyword_text, match_mode FROM rules_keyword WHERE app_id = ? "
					+ "ORDER BY rule_id, sort_order")
			.param(appId)
			.query((rs) -> {
				keywords.computeIfAbsent(rs.getString(1), (id) -> new ArrayList<>())
					.add(new Keyword(rs.getString(2), MatchMode.valueOf(rs.getString(3))));
			});
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM rules_rule WHERE app_id = ? ORDER BY created_at, id")
			.param(appId)
			.query((rs, row) -> stored(rs, keywords.getOrDefault(rs.getString("id"), List.of())))
			.list();
	}

	Optional<Stored> find(String appId, String id) {
		List<Keyword> keywords = this.jdbc
			.sql("SELECT keyword_text, match_mode FROM rules_keyword WHERE rule_id = ? AND app_id = ? "
					+ "ORDER BY sort_order")
			.params(id, appId)
			.query((rs, row) -> new Keyword(rs.getString(1), MatchMode.valueOf(rs.getString(2))))
			.list();
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM rules_rule WHERE app_id = ? AND id = ?")
			.params(appId, id)
			.query((rs, row) -> stored(rs, keywords))
			.optional();
	}

	void insert(Rule rule, int version) {
		this.jdbc
			.sql("INSERT INTO rules_rule (" + COLUMNS + ") "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(rule.id(), rule.appId(), rule.name(), rule.trigger().name(), rule.priority(), rule.enabled(),
					rule.replyMode().name(), replies(rule), millis(rule.activeFrom()), millis(rule.activeUntil()),
					days(rule.businessHours()), time(rule.businessHours(), true), time(rule.businessHours(), false),
					rule.sessionFrom(), (rule.cooldown() != null) ? rule.cooldown().toMillis() : null, version,
					rule.createdAt().toEpochMilli(), rule.updatedAt().toEpochMilli())
			.update();
		insertKeywords(rule);
	}

	void update(Rule rule, int version) {
		delete(rule.appId(), rule.id());
		insert(rule, version);
	}

	void delete(String appId, String id) {
		this.jdbc.sql("DELETE FROM rules_keyword WHERE rule_id = ? AND app_id = ?").params(id, appId).update();
		this.jdbc.sql("DELETE FROM rules_rule WHERE id = ? AND app_id = ?").params(id, appId).update();
	}

	/**
	 * Enabled rules other than {@code ruleId} with an EXACT keyword whose normal form is
	 * one of {@code normalised}: normal form → the rule's id.
	 */
	Map<String, String> exactOwners(String appId, List<String> normalised, String ruleId) {
		if (normalised.isEmpty()) {
			return Map.of();
		}
		String marks = normalised.stream().map((text) -> "?").collect(Collectors.joining(", "));
		List<Object> params = new ArrayList<>(List.of(appId, ruleId));
		params.addAll(normalised);
		Map<String, String> owners = new HashMap<>();
		this.jdbc
			.sql("SELECT k.normalised, k.rule_id FROM rules_keyword k JOIN rules_rule r ON r.id = k.rule_id "
					+ "WHERE k.app_id = ? AND k.match_mode = 'EXACT' AND r.enabled = TRUE AND k.rule_id <> ? "
					+ "AND k.normalised IN (" + marks + ") ORDER BY r.created_at, r.id")
			.params(params)
			.query((rs) -> {
				// Compared again here: a case- or accent-insensitive collation may have
				// matched more.
				if (normalised.contains(rs.getString(1))) {
					owners.putIfAbsent(rs.getString(1), rs.getString(2));
				}
			});
		return owners;
	}

	/** The number of REGEX keywords of the app's rules other than {@code ruleId}. */
	int regexCount(String appId, String ruleId) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM rules_keyword WHERE app_id = ? AND match_mode = 'REGEX' AND rule_id <> ?")
			.params(appId, ruleId)
			.query(Integer.class)
			.single();
	}

	/** Whether a reply of the app's rules refers to the asset. */
	boolean usesAsset(String appId, String assetId) {
		// Both "assetId" and "thumbAssetId" end in ssetId; an id with LIKE wildcards is
		// escaped.
		String escaped = assetId.replace("!", "!!").replace("%", "!%").replace("_", "!_");
		return this.jdbc.sql("SELECT COUNT(*) FROM rules_rule WHERE app_id = ? AND replies LIKE ? ESCAPE '!'")
			.params(appId, "%ssetId\":\"" + escaped + "\"%")
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Moves the app's revision, taking the row's lock until the transaction ends, so
	 * changes to one app's rules are serialised and their checks see each other.
	 */
	void bumpRevision(String appId) {
		if (this.jdbc.sql("UPDATE rules_app_revision SET revision = revision + 1 WHERE app_id = ?")
			.param(appId)
			.update() == 0) {
			throw new IllegalStateException("no revision row for " + appId);
		}
	}

	/**
	 * Creates the app's revision row if missing; in its own transaction, racing inserts
	 * tolerated.
	 */
	boolean revisionRowMissing(String appId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM rules_app_revision WHERE app_id = ?")
			.param(appId)
			.query(Integer.class)
			.single() == 0;
	}

	void insertRevisionRow(String appId) {
		this.jdbc.sql("INSERT INTO rules_app_revision (app_id, revision) VALUES (?, 0)").param(appId).update();
	}

	/** Every app's revision. */
	Map<String, Long> revisions() {
		Map<String, Long> revisions = new HashMap<>();
		this.jdbc.sql("SELECT app_id, revision FROM rules_app_revision").query((rs) -> {
			revisions.put(rs.getString(1), rs.getLong(2));
		});
		return revisions;
	}

	long revision(String appId) {
		return this.jdbc.sql("SELECT revision FROM rules_app_revision WHERE app_id = ?")
			.param(appId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	private void insertKeywords(Rule rule) {
		List<Keyword> keywords = rule.keywords();
		for (int i = 0; i < keywords.size(); i++) {
			Keyword keyword = keywords.get(i);
			String normal = (keyword.match() == MatchMode.REGEX) ? keyword.text()
					: Normalisation.normalise(keyword.text());
			this.jdbc
				.sql("INSERT INTO rules_keyword (rule_id, sort_order, app_id, keyword_text, match_mode, normalised) "
						+ "VALUES (?, ?, ?, ?, ?, ?)")
				.params(rule.id(), i, rule.appId(), keyword.text(), keyword.match().name(), normal)
				.update();
		}
	}

	private Stored stored(ResultSet rs, List<Keyword> keywords) throws SQLException {
		List<RulePart> replies = this.json.readValue(rs.getString("replies"), REPLIES)
			.stream()
			.map(RuleValidator::part)
			.toList();
		long cooldown = rs.getLong("cooldown_ms");
		Duration cooldownOrNull = rs.wasNull() ? null : Duration.ofMillis(cooldown);
		String days = rs.getString("business_days");
		BusinessHours hours = (days == null) ? null
				: new BusinessHours(
						Arrays.stream(days.split(","))
							.filter((day) -> !day.isEmpty())
							.map(DayOfWeek::valueOf)
							.collect(Collectors.toSet()),
						LocalTime.parse(rs.getString("business_from")),
						LocalTime.parse(rs.getString("business_until")));
		Rule rule = new Rule(rs.getString("id"), rs.getString("app_id"), rs.getString("name"),
				Trigger.valueOf(rs.getString("trigger_kind")), rs.getInt("priority"), rs.getBoolean("enabled"),
				ReplyMode.valueOf(rs.getString("reply_mode")), keywords, replies, instant(rs, "active_from"),
				instant(rs, "active_until"), hours, rs.getString("session_from"), cooldownOrNull,
				Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
		return new Stored(rule, rs.getInt("version"));
	}

	private String replies(Rule rule) {
		return this.json.writeValueAsString(rule.replies().stream().map(RuleDocument.ReplyItem::of).toList());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		long millis = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

	private static Long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

	private static String days(BusinessHours hours) {
		return (hours != null) ? hours.days().stream().map(DayOfWeek::name).collect(Collectors.joining(",")) : null;
	}

	private static String time(BusinessHours hours, boolean from) {
		return (hours != null) ? (from ? hours.from() : hours.until()).toString() : null;
	}

}
