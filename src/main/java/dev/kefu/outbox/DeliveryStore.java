package dev.kefu.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.kefu.rules.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The {@code outbox_delivery} table. A part's reply is kept in {@code reply_json} in
 * {@link Reply}'s own JSON shape, and its type in {@code reply_type} too.
 */
@Component
class DeliveryStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A delivery with the reply it carries.
	 *
	 * @param claimed whether this instance holds the delivery's current attempt already
	 * (it was inserted claimed), so that the attempt is made without claiming it again
	 */
	record Row(Delivery delivery, String replyJson, boolean claimed) {

		Row(Delivery delivery, String replyJson) {
			this(delivery, replyJson, false);
		}

		String id() {
			return this.delivery.id();
		}

		/**
		 * The row as the instance that just planned it sees it: due now (the lease in the
		 * database keeps other instances off it), and claimed if {@code claimed}.
		 */
		Row inHand(boolean claimed) {
			Delivery d = this.delivery;
			return new Row(new Delivery(d.id(), d.appId(), d.openId(), d.messageId(), d.partIndex(), d.ruleId(),
					d.type(), d.status(), d.attempts(), d.lastErrcode(), d.lastErrmsg(), d.receivedAt(), d.deadlineAt(),
					null, d.createdAt(), d.updatedAt(), d.sentAt()), this.replyJson, claimed);
		}

	}

	/** What an attempt ends in. */
	record Outcome(DeliveryStatus status, Integer errcode, String errmsg, Instant nextAttemptAt) {
	}

	private static final String COLUMNS = "id, app_id, open_id, message_id, part_index, rule_id, reply_type, status, "
			+ "attempts, last_errcode, last_errmsg, received_at, deadline_at, next_attempt_at, created_at, updated_at, "
			+ "sent_at, reply_json";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final OutcomeWriter<Finished> outcomes;

	DeliveryStore(JdbcClient jdbc, JdbcTemplate batch, TransactionOperations transactions) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.outcomes = new OutcomeWriter<>(transactions, this::finishAll, this::finishOne);
	}

	/** Inserts the parts of one message, in one round trip. */
	void insert(List<Row> rows) {
		List<Object[]> values = new ArrayList<>(rows.size());
		for (Row row : rows) {
			Delivery d = row.delivery();
			values.add(new Object[] { d.id(), d.appId(), d.openId(), d.messageId(), d.partIndex(), d.ruleId(), d.type(),
					d.status().name(), d.attempts(), d.lastErrcode(), d.lastErrmsg(), millis(d.receivedAt()),
					millis(d.deadlineAt()), millis(d.nextAttemptAt()), millis(d.createdAt()), millis(d.updatedAt()),
					millis(d.sentAt()), row.replyJson() });
		}
		this.batch.batchUpdate("INSERT INTO outbox_delivery (" + COLUMNS
				+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
	}

	int countUnsent(String appId, String openId) {
		return this.jdbc.sql(
				"SELECT COUNT(*) FROM outbox_delivery WHERE app_id = ? AND open_id = ? AND status IN ('PENDING', 'RETRYING')")
			.params(appId, openId)
			.query(Long.class)
			.single()
			.intValue();
	}

	/** The user's unsent parts go out in the window a new action opened. */
	void extendUnsent(String appId, String openId, Instant deadline, Instant now) {
		this.jdbc
			.sql("UPDATE outbox_delivery SET deadline_at = ?, updated_at = ? WHERE app_id = ? AND open_id = ? "
					+ "AND status IN ('PENDING', 'RETRYING') AND deadline_at < ?")
			.params(millis(deadline), millis(now), appId, openId, millis(deadline))
			.update();
	}

	/** The message's parts still to send, in order. */
	List<Row> unsent(String messageId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM outbox_delivery WHERE message_id = ? AND status IN ('PENDING', 'RETRYING') "
					+ "ORDER BY part_index")
			.param(messageId)
			.query(DeliveryStore::row)
			.list();
	}

	/** The later PENDING parts of the message wait for this part's retry. */
	void holdBehind(Delivery part, Instant until) {
		this.jdbc.sql(
				"UPDATE outbox_delivery SET next_attempt_at = ? WHERE message_id = ? AND part_index > ? AND status = 'PENDING'")
			.params(millis(until), part.messageId(), part.partIndex())
			.update();
	}

	/**
	 * Messages nobody works on: an unsent part whose lease or retry time ran out before
	 * {@code overdueSince}, or that has none (an operator reopened it). Reads the unsent
	 * part of the status index, which in the steady state is the few parts in flight.
	 */
	List<String> abandoned(Instant overdueSince, int limit) {
		return this.jdbc
			.sql("SELECT DISTINCT message_id FROM outbox_delivery WHERE status IN ('PENDING', 'RETRYING') AND "
					+ "(next_attempt_at IS NULL OR next_attempt_at < ?) LIMIT " + limit)
			.param(millis(overdueSince))
			.query(String.class)
			.list();
	}

	Optional<Row> find(String appId, String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM outbox_delivery WHERE app_id = ? AND id = ?")
			.params(appId, id)
			.query(DeliveryStore::row)
			.optional();
	}

	List<Delivery> list(String appId, DeliveryStatus status, String openId, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM outbox_delivery WHERE app_id = ?");
		List<Object> params = new ArrayList<>(List.of(appId));
		if (status != null) {
			sql.append(" AND status = ?");
			params.add(status.name());
		}
		if (openId != null) {
			sql.append(" AND open_id = ?");
			params.add(openId);
		}
		sql.append(" ORDER BY created_at DESC, message_id, part_index LIMIT ").append(limit);
		return this.jdbc.sql(sql.toString())
			.params(params)
			.query(DeliveryStore::row)
			.list()
			.stream()
			.map(Row::delivery)
			.toList();
	}

	/**
	 * Takes the delivery for one attempt: counts the attempt and leases the part until
	 * {@code heldUntil} (so no sweep takes it for abandoned while it is in flight), but
	 * only if nobody else took it since it was read. {@code false} means another attempt
	 * holds it.
	 */
	boolean claim(Delivery delivery, Instant now, Instant heldUntil) {
		return this.jdbc
			.sql("UPDATE outbox_delivery SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ? "
					+ "WHERE id = ? AND attempts = ? AND status IN ('PENDING', 'RETRYING')")
			.params(millis(heldUntil), millis(now), delivery.id(), delivery.attempts())
			.update() == 1;
	}

	/**
	 * Records an attempt's end; an outcome without an error keeps the last error on
	 * record. The outcomes of attempts that end together are committed together
	 * ({@link OutcomeWriter}); this returns once this one is committed.
	 */
	void finish(String id, Outcome outcome, Instant now) {
		this.outcomes.write(new Finished(id, outcome, now));
	}

	private record Finished(String id, Outcome outcome, Instant now) {

		boolean keepsLastError() {
			return this.outcome.errcode() == null && this.outcome.errmsg() == null;
		}

		Object[] values() {
			Long sentAt = (this.outcome.status() == DeliveryStatus.SENT) ? millis(this.now) : null;
			if (keepsLastError()) {
				return new Object[] { this.outcome.status().name(), millis(this.outcome.nextAttemptAt()),
						millis(this.now), sentAt, this.id };
			}
			return new Object[] { this.outcome.status().name(), this.outcome.errcode(), truncate(this.outcome.errmsg()),
					millis(this.outcome.nextAttemptAt()), millis(this.now), sentAt, this.id };
		}

	}

	private static final String FINISH = "UPDATE outbox_delivery SET status = ?, next_attempt_at = ?, updated_at = ?, "
			+ "sent_at = ? WHERE id = ?";

	private static final String FINISH_WITH_ERROR = "UPDATE outbox_delivery SET status = ?, last_errcode = ?, "
			+ "last_errmsg = ?, next_attempt_at = ?, updated_at = ?, sent_at = ? WHERE id = ?";

	private void finishAll(List<Finished> finished) {
		List<Object[]> plain = new ArrayList<>(finished.size());
		List<Object[]> withError = new ArrayList<>();
		for (Finished f : finished) {
			(f.keepsLastError() ? plain : withError).add(f.values());
		}
		if (!plain.isEmpty()) {
			this.batch.batchUpdate(FINISH, plain);
		}
		if (!withError.isEmpty()) {
			this.batch.batchUpdate(FINISH_WITH_ERROR, withError);
		}
	}

	private void finishOne(Finished finished) {
		this.batch.update(finished.keepsLastError() ? FINISH : FINISH_WITH_ERROR, finished.values());
	}

	/** An operator's retry of a FAILED delivery: a fresh set of attempts. */
	boolean reopen(String id, Instant now) {
		return this.jdbc
			.sql("UPDATE outbox_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = NULL, updated_at = ? "
					+ "WHERE id = ? AND status = 'FAILED'")
			.params(millis(now), id)
			.update() == 1;
	}

	/** How many deliveries wait to be sent, and when the oldest of them was planned. */
	Backlog backlog() {
		return this.jdbc
			.sql("SELECT COUNT(*), MIN(created_at) FROM outbox_delivery WHERE status IN ('PENDING', 'RETRYING')")
			.query((rs, n) -> new Backlog(rs.getLong(1), instant(rs, 2)))
			.single();
	}

	/**
	 * The deliveries waiting to be sent and when the oldest was planned ({@code null} if
	 * none).
	 */
	record Backlog(long count, Instant oldestCreatedAt) {
	}

	/** The {@code reply_json} of a reply. */
	static String replyJson(Reply reply) {
		return JSON.writeValueAsString(reply);
	}

	/**
	 * The reply a part's {@code reply_json} holds. Parts stored before it carried its
	 * {@code "type"} have their type in {@code reply_type} only, and read the same.
	 */
	static Reply reply(String type, String replyJson) {
		JsonNode fields = JSON.readTree(replyJson);
		if (fields instanceof ObjectNode object && !object.has("type")) {
			object.put("type", type);
		}
		return JSON.treeToValue(fields, Reply.class);
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		Integer errcode = rs.getInt("last_errcode");
		if (rs.wasNull()) {
			errcode = null;
		}
		Delivery delivery = new Delivery(rs.getString("id"), rs.getString("app_id"), rs.getString("open_id"),
				rs.getString("message_id"), rs.getInt("part_index"), rs.getString("rule_id"),
				rs.getString("reply_type"), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
				errcode, rs.getString("last_errmsg"), instant(rs, "received_at"), instant(rs, "deadline_at"),
				instant(rs, "next_attempt_at"), instant(rs, "created_at"), instant(rs, "updated_at"),
				instant(rs, "sent_at"));
		return new Row(delivery, rs.getString("reply_json"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		long millis = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		long millis = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

	private static Long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

	private static String truncate(String errmsg) {
		return (errmsg != null && errmsg.length() > 512) ? errmsg.substring(0, 512) : errmsg;
	}

}
