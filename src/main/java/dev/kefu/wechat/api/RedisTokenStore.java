package dev.kefu.wechat.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link TokenStore} on Redis: the token is a hash that expires with the token, the lease
 * a key set with {@code NX} and a TTL; every compare-and-change is one Lua script. Both
 * keys of an app share a hash tag, so the scripts also work on a Redis cluster.
 */
final class RedisTokenStore implements TokenStore {

	private static final RedisScript<Long> SAVE = RedisScript.of("""
			if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
			redis.call('DEL', KEYS[1])
			redis.call('HSET', KEYS[1], 'token', ARGV[2], 'refreshAt', ARGV[3], 'expiresAt', ARGV[4])
			redis.call('PEXPIREAT', KEYS[1], ARGV[4])
			redis.call('DEL', KEYS[2])
			return 1
			""", Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private static final RedisScript<Long> EXPIRE = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'token') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	RedisTokenStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Optional<StoredToken> find(String appId) {
		Map<Object, Object> hash = this.redis.opsForHash().entries(tokenKey(appId));
		if (hash.get("token") == null) {
			return Optional.empty();
		}
		return Optional.of(new StoredToken((String) hash.get("token"), millis(hash.get("refreshAt")),
				millis(hash.get("expiresAt"))));
	}

	@Override
	public boolean tryLease(String appId, String owner, Instant now, Duration ttl) {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(leaseKey(appId), owner, ttl));
	}

	@Override
	public void save(String appId, String owner, StoredToken token) {
		this.redis.execute(SAVE, List.of(tokenKey(appId), leaseKey(appId)), owner, token.value(),
				Long.toString(token.refreshAt().toEpochMilli()), Long.toString(token.expiresAt().toEpochMilli()));
	}

	@Override
	public void release(String appId, String owner) {
		this.redis.execute(RELEASE, List.of(leaseKey(appId)), owner);
	}

	@Override
	public void expire(String appId, String rejected) {
		this.redis.execute(EXPIRE, List.of(tokenKey(appId)), rejected);
	}

	private static Instant millis(Object value) {
		return Instant.ofEpochMilli(Long.parseLong((String) value));
	}

	private static String tokenKey(String appId) {
		return "kefu:wechat:{" + appId + "}:token";
	}

	private static String leaseKey(String appId) {
		return "kefu:wechat:{" + appId + "}:token-lease";
	}

}
