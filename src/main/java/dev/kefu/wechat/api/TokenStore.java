package dev.kefu.wechat.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the access tokens of all instances meet: the current token per app and a lease
 * that lets one instance at a time refresh it. Implemented on the database and, when
 * configured, on Redis. Operations are atomic each; callers must not hold a database
 * transaction.
 */
interface TokenStore {

	Optional<StoredToken> find(String appId);

	/** Takes the refresh lease of an app unless another owner holds an unexpired one. */
	boolean tryLease(String appId, String owner, Instant now, Duration ttl);

	/**
	 * Stores a freshly fetched token and gives the lease back, if {@code owner} still
	 * holds it.
	 */
	void save(String appId, String owner, StoredToken token);

	void release(String appId, String owner);

	/**
	 * Compare-and-expire: forgets the app's token only if it is still {@code rejected}.
	 */
	void expire(String appId, String rejected);

}
