package dev.kefu.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The signatures kefu accepted, in {@code inbox_replay}, shared by every instance on the
 * database: a captured query string (from any push, a URL check, a proxy log) must not
 * carry another body while its timestamp is still within
 * {@code kefu.wechat.max-clock-skew}. Only plaintext pushes and URL checks are
 * remembered, and only while the clock check is on: an encrypted push's
 * {@code msg_signature} covers its body already.
 * <p>
 * A {@link ReplayKey} names a signature (the app, which signature, timestamp, nonce and
 * the signature itself) and the hash of the body it came with. The same key with the same
 * body is WeChat retrying a push it got no answer to in time (or a check resending it):
 * it goes on to de-duplication and is answered as before. The same key with another body
 * is refused. The {@link PushJournal} looks up a batch's keys in one query and inserts
 * the new ones in the batch's own transaction, so a key is remembered exactly when its
 * push is recorded (or found recorded before); a refused push leaves nothing behind.
 * Redis is not used for this: the push path writes to the database anyway, and the key
 * commits with the push.
 */
@Component
class ReplayCache {

	/** The body hash of a URL check: no push's body hash (64 hex digits) equals it. */
	static final String URL_CHECK = "GET";

	private static final String INSERT = "INSERT INTO inbox_replay (key_hash, body_hash, expires_at) "
			+ "VALUES (:keyHash, :bodyHash, :expiresAt)";

	private final NamedParameterJdbcTemplate jdbc;

	ReplayCache(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The key of a signature.
	 * @param kind {@code signature} (URL checks and plaintext pushes) or
	 * {@code msg_signature} (encrypted pushes)
	 * @param body the raw body, or {@code null} for a URL check
	 * @param expiresAt epoch milliseconds after which the timestamp is refused anyway
	 */
	static ReplayKey key(String appId, String kind, String timestamp, String nonce, String signature, byte[] body,
			long expiresAt) {
		String key = kind + "|" + appId + "|" + timestamp + "|" + nonce + "|" + signature;
		return new ReplayKey(sha256(key.getBytes(StandardCharsets.UTF_8)), (body != null) ? sha256(body) : URL_CHECK,
				expiresAt);
	}

	/** The body hash remembered for each of these keys that is remembered; one query. */
	Map<String, String> bodyHashes(Collection<String> keyHashes) {
		Map<String, String> found = new HashMap<>();
		this.jdbc.query("SELECT key_hash, body_hash FROM inbox_replay WHERE key_hash IN (:keys)",
				Map.of("keys", keyHashes), (rs) -> {
					found.put(rs.getString(1), rs.getString(2));
				});
		return found;
	}

	/**
	 * Remembers new keys, in the caller's transaction, in key order (so that instances
	 * writing overlapping batches lock in the same order).
	 * @throws DuplicateKeyException if another instance remembered one of them meanwhile
	 */
	void insert(List<ReplayKey> keys) {
		SqlParameterSource[] rows = keys.stream()
			.sorted(Comparator.comparing(ReplayKey::keyHash))
			.map(ReplayCache::parameters)
			.toArray(SqlParameterSource[]::new);
		this.jdbc.batchUpdate(INSERT, rows);
	}

	/**
	 * Remembers the signature of a URL check, so that no push can use it: a URL check and
	 * a plaintext push are signed alike. A check seen before is fine (a URL check may be
	 * repeated).
	 * @throws org.springframework.dao.DataAccessException if the database cannot be
	 * written
	 */
	void rememberUrlCheck(ReplayKey key) {
		try {
			this.jdbc.update(INSERT, parameters(key));
		}
		catch (DuplicateKeyException ex) {
			// remembered before, by a repeated check or (harmlessly) a push with the same
			// signature
		}
	}

	private static SqlParameterSource parameters(ReplayKey key) {
		return new MapSqlParameterSource().addValue("keyHash", key.keyHash())
			.addValue("bodyHash", key.bodyHash())
			.addValue("expiresAt", key.expiresAt());
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required on every Java platform", ex);
		}
	}

	/**
	 * A signature and the body it came with, as remembered.
	 *
	 * @param keyHash SHA-256 (hex) of the app, kind of signature, timestamp, nonce and
	 * signature
	 * @param bodyHash SHA-256 (hex) of the raw body, or {@link #URL_CHECK}
	 * @param expiresAt epoch milliseconds from which the entry may be purged
	 */
	record ReplayKey(String keyHash, String bodyHash, long expiresAt) {
	}

}
