package dev.kefu.wechat.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link TokenStore} on the {@code wechat_token} table: one row per app. */
final class JdbcTokenStore implements TokenStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	JdbcTokenStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public Optional<StoredToken> find(String appId) {
		return this.jdbc.sql(
				"SELECT access_token, refresh_at, expires_at FROM wechat_token WHERE app_id = ? AND access_token IS NOT NULL")
			.param(appId)
			.query((rs, row) -> new StoredToken(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
					Instant.ofEpochMilli(rs.getLong(3))))
			.optional();
	}

	@Override
	public boolean tryLease(String appId, String owner, Instant now, Duration ttl) {
		long until = now.plus(ttl).toEpochMilli();
		if (takeLease(appId, owner, now, until) == 1) {
			return true;
		}
		return !exists(appId) && insertRow(appId, owner, now, until);
	}

	private boolean exists(String appId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM wechat_token WHERE app_id = ?")
			.param(appId)
			.query(Long.class)
			.single() > 0;
	}

	private int takeLease(String appId, String owner, Instant now, long until) {
		return this.jdbc.sql(
				"UPDATE wechat_token SET lease_owner = ?, lease_until = ?, updated_at = ? WHERE app_id = ? AND lease_until < ?")
			.params(owner, until, now.toEpochMilli(), appId, now.toEpochMilli())
			.update();
	}

	/** The first refresh of an app creates its row, with the lease already taken. */
	private boolean insertRow(String appId, String owner, Instant now, long until) {
		try {
			return this.jdbc
				.sql("INSERT INTO wechat_token (app_id, access_token, refresh_at, expires_at, lease_owner, "
						+ "lease_until, updated_at) VALUES (?, NULL, 0, 0, ?, ?, ?)")
				.params(appId, owner, until, now.toEpochMilli())
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public void save(String appId, String owner, StoredToken token) {
		this.jdbc
			.sql("UPDATE wechat_token SET access_token = ?, refresh_at = ?, expires_at = ?, lease_owner = NULL, "
					+ "lease_until = 0, updated_at = ? WHERE app_id = ? AND lease_owner = ?")
			.params(new SecretParameter(token.value()), token.refreshAt().toEpochMilli(),
					token.expiresAt().toEpochMilli(), this.clock.millis(), appId, owner)
			.update();
	}

	@Override
	public void release(String appId, String owner) {
		this.jdbc
			.sql("UPDATE wechat_token SET lease_owner = NULL, lease_until = 0 WHERE app_id = ? AND lease_owner = ?")
			.params(appId, owner)
			.update();
	}

	@Override
	public void expire(String appId, String rejected) {
		this.jdbc.sql(
				"UPDATE wechat_token SET refresh_at = 0, expires_at = 0, updated_at = ? WHERE app_id = ? AND access_token = ?")
			.params(this.clock.millis(), appId, new SecretParameter(rejected))
			.update();
	}

}
