package dev.kefu.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code rules_rule_version} table: every change to every rule, before and after. */
@Repository
class RuleHistory {

	private static final String COLUMNS = "rule_id, version, change_kind, changed_by, changed_at, before_json, "
			+ "after_json";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RuleHistory(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void record(String appId, RuleVersion version) {
		this.jdbc.sql("INSERT INTO rules_rule_version (app_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(appId, version.ruleId(), version.version(), version.change().name(), version.changedBy(),
					version.changedAt().toEpochMilli(), write(version.before()), write(version.after()))
			.update();
	}

	/** The rule's versions, newest first. */
	List<RuleVersion> versions(String appId, String ruleId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM rules_rule_version WHERE app_id = ? AND rule_id = ? "
					+ "ORDER BY version DESC")
			.params(appId, ruleId)
			.query(this::version)
			.list();
	}

	Optional<RuleVersion> version(String appId, String ruleId, int version) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM rules_rule_version WHERE app_id = ? AND rule_id = ? AND version = ?")
			.params(appId, ruleId, version)
			.query(this::version)
			.optional();
	}

	/** The number of the rule's latest version, 0 if it has none. */
	int latest(String appId, String ruleId) {
		return this.jdbc
			.sql("SELECT COALESCE(MAX(version), 0) FROM rules_rule_version WHERE app_id = ? AND rule_id = ?")
			.params(appId, ruleId)
			.query(Integer.class)
			.single();
	}

	private RuleVersion version(ResultSet rs, int row) throws SQLException {
		return new RuleVersion(rs.getString("rule_id"), rs.getInt("version"),
				RuleVersion.Change.valueOf(rs.getString("change_kind")), rs.getString("changed_by"),
				Instant.ofEpochMilli(rs.getLong("changed_at")), read(rs.getString("before_json")),
				read(rs.getString("after_json")));
	}

	private String write(RuleDocument document) {
		return (document != null) ? this.json.writeValueAsString(document) : null;
	}

	private RuleDocument read(String text) {
		return (text != null) ? this.json.readValue(text, RuleDocument.class) : null;
	}

}
