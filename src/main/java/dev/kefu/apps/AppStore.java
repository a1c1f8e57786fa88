package dev.kefu.apps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code apps_app} table, credentials sealed, and the revision counter every change
 * bumps.
 */
@Repository
class AppStore {

	private static final String COLUMNS = "app_id, name, secret_sealed, token_sealed, aes_key_sealed, "
			+ "previous_aes_key_sealed, sandbox, time_zone, push_mode, created_at, updated_at";

	private final JdbcClient jdbc;

	AppStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An app's row as stored.
	 *
	 * @param pushMode a {@link dev.kefu.wechat.push.PushMode} name, or {@code null}
	 */
	record Row(String appId, String name, String secretSealed, String tokenSealed, String aesKeySealed,
			String previousAesKeySealed, boolean sandbox, String timeZone, String pushMode, long createdAt,
			long updatedAt) {
	}

	List<Row> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM apps_app ORDER BY app_id").query(AppStore::row).list();
	}

	Optional<Row> find(String appId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM apps_app WHERE app_id = ?")
			.param(appId)
			.query(AppStore::row)
			.optional();
	}

	/** The row, locked until the transaction ends. */
	Optional<Row> findForUpdate(String appId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM apps_app WHERE app_id = ? FOR UPDATE")
			.param(appId)
			.query(AppStore::row)
			.optional();
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException if the app id is taken
	 */
	void insert(Row row) {
		this.jdbc.sql("INSERT INTO apps_app (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.appId(), row.name(), row.secretSealed(), row.tokenSealed(), row.aesKeySealed(),
					row.previousAesKeySealed(), row.sandbox(), row.timeZone(), row.pushMode(), row.createdAt(),
					row.updatedAt())
			.update();
		bumpRevision();
	}

	void update(Row row) {
		this.jdbc.sql("UPDATE apps_app SET name = ?, secret_sealed = ?, token_sealed = ?, aes_key_sealed = ?, "
				+ "previous_aes_key_sealed = ?, sandbox = ?, time_zone = ?, push_mode = ?, updated_at = ? WHERE app_id = ?")
			.params(row.name(), row.secretSealed(), row.tokenSealed(), row.aesKeySealed(), row.previousAesKeySealed(),
					row.sandbox(), row.timeZone(), row.pushMode(), row.updatedAt(), row.appId())
			.update();
		bumpRevision();
	}

	boolean delete(String appId) {
		boolean deleted = this.jdbc.sql("DELETE FROM apps_app WHERE app_id = ?").param(appId).update() > 0;
		if (deleted) {
			bumpRevision();
		}
		return deleted;
	}

	/** Counts every change, so other instances notice one by reading a single row. */
	long revision() {
		return this.jdbc.sql("SELECT revision FROM apps_revision WHERE id = 1").query(Long.class).single();
	}

	private void bumpRevision() {
		this.jdbc.sql("UPDATE apps_revision SET revision = revision + 1 WHERE id = 1").update();
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getString("app_id"), rs.getString("name"), rs.getString("secret_sealed"),
				rs.getString("token_sealed"), rs.getString("aes_key_sealed"), rs.getString("previous_aes_key_sealed"),
				rs.getBoolean("sandbox"), rs.getString("time_zone"), rs.getString("push_mode"),
				rs.getLong("created_at"), rs.getLong("updated_at"));
	}

}
