package dev.kefu.links;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code links_code} and {@code links_click}. */
@Repository
class LinkStore {

	private static final String COLUMNS = "code, app_id, rule_id, delivery_id, slot, open_id, target, issued_at, expires_at";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	LinkStore(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	void insert(LinkCode code) {
		this.jdbc.sql("INSERT INTO links_code (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(code.code(), code.appId(), code.ruleId(), code.deliveryId(), code.slot(), code.openId(),
					code.target(), code.issuedAt().toEpochMilli(), code.expiresAt().toEpochMilli())
			.update();
	}

	Optional<LinkCode> find(String code) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM links_code WHERE code = ?")
			.param(code)
			.query(LinkStore::code)
			.optional();
	}

	Optional<LinkCode> findByDelivery(String deliveryId, int slot) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM links_code WHERE delivery_id = ? AND slot = ?")
			.params(deliveryId, slot)
			.query(LinkStore::code)
			.optional();
	}

	/**
	 * Records the clicks and the sends of one batch; the caller runs it in one
	 * transaction.
	 */
	/**
	 * Which of these clicks are recorded already: a write whose commit was lost on the
	 * way back (the connection broke after the database had committed) may have recorded
	 * them.
	 */
	Set<String> recorded(List<Click> clicks) {
		if (clicks.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("SELECT id FROM links_click WHERE id IN (:ids)")
			.param("ids", clicks.stream().map(Click::id).toList())
			.query(String.class)
			.list());
	}

	void write(List<Click> clicks, Map<String, Instant> sent) {
		if (!clicks.isEmpty()) {
			List<Object[]> rows = new ArrayList<>(clicks.size());
			for (Click click : clicks) {
				Visitor visitor = click.visitor();
				rows.add(new Object[] { click.id(), click.code(), click.appId(), click.ruleId(), click.openId(),
						click.at().toEpochMilli(), visitor.platform().name(), visitor.inWeChat(), !visitor.fetcher() });
			}
			this.batch.batchUpdate("INSERT INTO links_click (id, code, app_id, rule_id, open_id, clicked_at, platform, "
					+ "in_wechat, counted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
		}
		if (!sent.isEmpty()) {
			List<Object[]> rows = new ArrayList<>(sent.size());
			sent.forEach((code, at) -> rows.add(new Object[] { at.toEpochMilli(), code }));
			// the first send counts: a part sent again (a lost outcome) keeps its first
			// time
			this.batch.batchUpdate("UPDATE links_code SET sent_at = ? WHERE code = ? AND sent_at IS NULL", rows);
		}
	}

	private static LinkCode code(ResultSet rs, int row) throws SQLException {
		return new LinkCode(rs.getString("code"), rs.getString("app_id"), rs.getString("rule_id"),
				rs.getString("delivery_id"), rs.getInt("slot"), rs.getString("open_id"), rs.getString("target"),
				Instant.ofEpochMilli(rs.getLong("issued_at")), Instant.ofEpochMilli(rs.getLong("expires_at")));
	}

}
