package dev.kefu.media;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code media_temp_media} table: each asset's current media_id and the upload lease
 * that lets one instance at a time upload it. Each operation is one atomic statement;
 * callers hold no transaction.
 */
@Component
class TempMediaStore {

	/** A media_id and when WeChat forgets it. */
	record Uploaded(String mediaId, Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	TempMediaStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Uploaded> find(String assetId) {
		return this.jdbc
			.sql("SELECT media_id, expires_at FROM media_temp_media WHERE asset_id = ? AND media_id IS NOT NULL")
			.param(assetId)
			.query((rs, row) -> new Uploaded(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
			.optional();
	}

	boolean tryLease(String appId, String assetId, String owner, Instant now, Duration ttl) {
		long until = now.plus(ttl).toEpochMilli();
		int taken = this.jdbc
			.sql("UPDATE media_temp_media SET lease_owner = ?, lease_until = ? WHERE asset_id = ? AND lease_until < ?")
			.params(owner, until, assetId, now.toEpochMilli())
			.update();
		if (taken == 1) {
			return true;
		}
		if (this.jdbc.sql("SELECT COUNT(*) FROM media_temp_media WHERE asset_id = ?")
			.param(assetId)
			.query(Long.class)
			.single() > 0) {
			return false;
		}
		try {
			return this.jdbc
				.sql("INSERT INTO media_temp_media (asset_id, app_id, media_id, uploaded_at, expires_at, "
						+ "lease_owner, lease_until) VALUES (?, ?, NULL, 0, 0, ?, ?)")
				.params(assetId, appId, owner, until)
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	void save(String assetId, String owner, String mediaId, Instant uploadedAt, Instant expiresAt) {
		this.jdbc
			.sql("UPDATE media_temp_media SET media_id = ?, uploaded_at = ?, expires_at = ?, lease_owner = NULL, "
					+ "lease_until = 0 WHERE asset_id = ? AND lease_owner = ?")
			.params(mediaId, uploadedAt.toEpochMilli(), expiresAt.toEpochMilli(), assetId, owner)
			.update();
	}

	void release(String assetId, String owner) {
		this.jdbc.sql(
				"UPDATE media_temp_media SET lease_owner = NULL, lease_until = 0 WHERE asset_id = ? AND lease_owner = ?")
			.params(assetId, owner)
			.update();
	}

	/**
	 * Compare-and-expire: forgets the media_id only if it is still the one WeChat
	 * rejected.
	 */
	void expire(String assetId, String rejectedMediaId) {
		this.jdbc.sql("UPDATE media_temp_media SET media_id = NULL, expires_at = 0 WHERE asset_id = ? AND media_id = ?")
			.params(assetId, rejectedMediaId)
			.update();
	}

}
