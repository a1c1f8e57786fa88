package dev.kefu.outbox;

import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link AllowanceStore} on {@code outbox_allowance}, inside the transaction that stores
 * the deliveries, so a plan and its deliveries commit or roll back together. The user's
 * row is locked before it is read, so concurrent messages of one user plan in turn: with
 * {@code SELECT ... FOR UPDATE}, or on H2 with an update that changes nothing, because H2
 * parses a {@code FOR UPDATE} query afresh on every call (it keeps no plan for it) and
 * planning runs for every push.
 */
final class JdbcAllowanceStore implements AllowanceStore {

	private record Row(long startAt, long endAt, int maxSends, int planned) {
	}

	private final JdbcClient jdbc;

	private final boolean lockByUpdate;

	/**
	 * @param lockByUpdate lock the user's row with an update that changes nothing, then
	 * read it (for H2), instead of reading it {@code FOR UPDATE}
	 */
	JdbcAllowanceStore(JdbcClient jdbc, boolean lockByUpdate) {
		this.jdbc = jdbc;
		this.lockByUpdate = lockByUpdate;
	}

	@Override
	public Grant plan(String appId, String openId, String messageId, Window window, int parts, IntSupplier unsent) {
		Optional<Row> current = lock(appId, openId);
		if (current.isEmpty()) {
			int granted = Math.min(parts, window.maxSends());
			insert(appId, openId, window, granted);
			// A user without a row has nothing unsent to carry into the new window: every
			// delivery is planned here, and a row goes only long after its window closed.
			return new Grant(granted, window.end(), false);
		}
		Row row = current.get();
		if (window.start().toEpochMilli() > row.startAt()) {
			Row reset = new Row(window.start().toEpochMilli(), window.end().toEpochMilli(), window.maxSends(),
					Math.min(unsent.getAsInt(), window.maxSends()));
			return grant(appId, openId, reset, parts, true);
		}
		return grant(appId, openId, row, parts, false);
	}

	@Override
	public Optional<Window.Use> current(String appId, String openId) {
		return this.jdbc
			.sql("SELECT window_start_at, window_end_at, max_sends, planned FROM outbox_allowance "
					+ "WHERE app_id = ? AND open_id = ?")
			.params(appId, openId)
			.query((rs,
					n) -> new Window.Use(new Window(Instant.ofEpochMilli(rs.getLong(1)),
							Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3)), rs.getInt(4)))
			.optional();
	}

	@Override
	public Grant planOne(String appId, String openId, Instant now) {
		Optional<Row> current = lock(appId, openId);
		if (current.isEmpty()) {
			return new Grant(0, now, false);
		}
		Row row = current.get();
		if (now.toEpochMilli() >= row.endAt()) {
			return new Grant(0, Instant.ofEpochMilli(row.endAt()), false);
		}
		return grant(appId, openId, row, 1, false);
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
		if (this.lockByUpdate
				&& this.jdbc.sql("UPDATE outbox_allowance SET planned = planned WHERE app_id = ? AND open_id = ?")
					.params(appId, openId)
					.update() == 0) {
			return Optional.empty();
		}
		String locking = this.lockByUpdate ? "" : " FOR UPDATE";
		return this.jdbc
			.sql("SELECT window_start_at, window_end_at, max_sends, planned FROM outbox_allowance "
					+ "WHERE app_id = ? AND open_id = ?" + locking)
			.params(appId, openId)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4)))
			.optional();
	}

	/**
	 * Creates the user's row with the first plan in it. Should another transaction create
	 * it first, the insert fails with a duplicate key and the whole plan is made again by
	 * the caller (the inbox's journal, or its retries of unplanned messages), which then
	 * finds the row. That race needs two messages of a brand-new user planned at the same
	 * instant, so it costs less than a savepoint around every first insert would.
	 */
	private void insert(String appId, String openId, Window window, int planned) {
		this.jdbc
			.sql("INSERT INTO outbox_allowance (app_id, open_id, window_start_at, window_end_at, max_sends, planned) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(appId, openId, window.start().toEpochMilli(), window.end().toEpochMilli(), window.maxSends(),
					planned)
			.update();
	}

}
