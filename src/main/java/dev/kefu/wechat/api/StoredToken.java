package dev.kefu.wechat.api;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token with the moment to fetch the next one and the moment it stops working.
 *
 * @param value the access token; never logged
 * @param refreshAt from when callers fetch a new one instead of using this one
 * @param expiresAt when WeChat stops accepting it
 */
record StoredToken(String value, Instant refreshAt, Instant expiresAt) {

	/**
	 * How long before expiry a token is replaced. stable_token hands out a new token from
	 * 5 minutes before expiry, so refreshing within that span gets the new one at once.
	 */
	private static final Duration REFRESH_MARGIN = Duration.ofMinutes(3);

	static StoredToken issued(String value, Instant now, long expiresInSeconds) {
		Duration lifetime = Duration.ofSeconds(Math.max(expiresInSeconds, 1));
		Duration margin = (REFRESH_MARGIN.compareTo(lifetime.dividedBy(2)) < 0) ? REFRESH_MARGIN
				: lifetime.dividedBy(2);
		return new StoredToken(value, now.plus(lifetime).minus(margin), now.plus(lifetime));
	}

	boolean fresh(Instant now) {
		return now.isBefore(this.refreshAt);
	}

	@Override
	public String toString() {
		return "StoredToken[refreshAt=" + this.refreshAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
