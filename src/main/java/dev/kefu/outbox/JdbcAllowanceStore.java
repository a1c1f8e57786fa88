package dev.kefu.outbox;

import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AllowanceStore} on {@code outbox_allowance}, inside the transaction that stores the
 * deliveries, so a plan and its deliveries commit or roll back together. The user's row is
 * locked ({@code SELECT ... FOR UPDATE}) so concurrent messages of one user plan in turn.
 */
final class JdbcAllowanceStore implements AllowanceStore {

	private record Row(long startAt, long endAt, int maxSends, int planned) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate savepoint;

	JdbcAllowanceStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@Override
	public Grant plan(String appId, String openId, String messageId, Window window, int parts, IntSupplier unsent) {
		Optional<Row> current = lock(appId, openId);
		if (current.isEmpty()) {
			int granted = Math.min(parts, window.maxSends());
			if (insert(appId, openId, window, granted)) {
				return new Grant(granted, window.end(), true);
			}
			current = lock(appId, openId);
		}
		Row row = current.orElseThrow();
		if (window.start().toEpochMilli() > row.startAt()) {
			Row reset = new Row(window.start().toEpochMilli(), window.end().toEpochMilli(), window.maxSends(),
					Math.min(unsent.getAsInt(), window.maxSends()));
			return grant(appId, openId, reset, parts, true);
		}
		return grant(appId, openId, row, parts, false);
	}

	private Grant grant(String appId, String openId, Row row, int parts, boolean reset) {
		int granted = Math.min(parts, Math.max(0, row.maxSends() - row.planned()));
		this.jdbc
			.sql("UPDATE outbox_allowance SET window_start_at = ?, window_end_at = ?, max_sends = ?, planned = ? "
					+ "WHERE app_id = ? AND open_id = ?")
			.params(row.startAt(), row.endAt(), row.maxSends(), row.planned() + granted, appId, openId)
			.update();
		return new Grant(granted, Instant.ofEpochMilli(row.endAt()), reset);
	}

	private Optional<Row> lock(String appId, String openId) {
		return this.jdbc
			.sql("SELECT window_start_at, window_end_at, max_sends, planned FROM outbox_allowance "
					+ "WHERE app_id = ? AND open_id = ? FOR UPDATE")
			.params(appId, openId)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4)))
			.optional();
	}

	/**
	 * Creates the user's row with the first plan in it; {@code false} if another transaction just did. The insert runs
	 * in a savepoint so that losing the race leaves the surrounding transaction usable
	 * (PostgreSQL aborts a transaction on any failed statement).
	 */
	private boolean insert(String appId, String openId, Window window, int planned) {
		try {
			return Boolean.TRUE.equals(this.savepoint.execute((status) -> this.jdbc
				.sql("INSERT INTO outbox_allowance (app_id, open_id, window_start_at, window_end_at, max_sends, planned) "
						+ "VALUES (?, ?, ?, ?, ?, ?)")
				.params(appId, openId, window.start().toEpochMilli(), window.end().toEpochMilli(), window.maxSends(),
						planned)
				.update() == 1));
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

}
