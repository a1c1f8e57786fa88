package dev.kefu.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link AllowanceStore} on Redis: one hash per user, planned atomically by one Lua
 * script. Redis does not roll back with the database, so the grant of each message is
 * remembered in the hash and a message planned again (its transaction rolled back and the
 * event came again) gets the same answer instead of using the allowance twice.
 */
final class RedisAllowanceStore implements AllowanceStore {

	/**
	 * Kept a day past the window's end, so late messages of an old window still find it.
	 */
	private static final Duration KEEP_AFTER_WINDOW = Duration.ofDays(1);

	private static final RedisScript<List> PLAN = RedisScript.of("""
			local key = KEYS[1]
			local remembered = redis.call('HGET', key, 'msg:' .. ARGV[6])
			if remembered then
				return {tonumber(remembered), tonumber(redis.call('HGET', key, 'end')), 0}
			end
			local start = tonumber(redis.call('HGET', key, 'start') or '-1')
			local reset = 0
			if tonumber(ARGV[1]) > start then
				redis.call('DEL', key)
				redis.call('HSET', key, 'start', ARGV[1], 'end', ARGV[2], 'max', ARGV[3],
					'planned', math.min(tonumber(ARGV[5]), tonumber(ARGV[3])))
				reset = 1
			end
			local max = tonumber(redis.call('HGET', key, 'max'))
			local planned = tonumber(redis.call('HGET', key, 'planned'))
			local granted = math.min(tonumber(ARGV[4]), math.max(0, max - planned))
			redis.call('HSET', key, 'planned', planned + granted, 'msg:' .. ARGV[6], granted)
			local windowEnd = tonumber(redis.call('HGET', key, 'end'))
			redis.call('PEXPIREAT', key, windowEnd + tonumber(ARGV[7]))
			return {granted, windowEnd, reset}
			""", List.class);

	private static final RedisScript<List> PLAN_ONE = RedisScript.of("""
			local key = KEYS[1]
			local windowEnd = tonumber(redis.call('HGET', key, 'end') or '-1')
			if windowEnd <= tonumber(ARGV[1]) then
				return {0, windowEnd}
			end
			local max = tonumber(redis.call('HGET', key, 'max'))
			local planned = tonumber(redis.call('HGET', key, 'planned'))
			if planned >= max then
				return {0, windowEnd}
			end
			redis.call('HSET', key, 'planned', planned + 1)
			return {1, windowEnd}
			""", List.class);

	private final StringRedisTemplate redis;

	RedisAllowanceStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Grant plan(String appId, String openId, String messageId, Window window, int parts, IntSupplier unsent) {
		List<Long> answer = this.redis.execute(PLAN, List.of(key(appId, openId)),
				Long.toString(window.start().toEpochMilli()), Long.toString(window.end().toEpochMilli()),
				Integer.toString(window.maxSends()), Integer.toString(parts), Integer.toString(unsent.getAsInt()),
				messageId, Long.toString(KEEP_AFTER_WINDOW.toMillis()));
		return new Grant(answer.get(0).intValue(), Instant.ofEpochMilli(answer.get(1)), answer.get(2) == 1L);
	}

	@Override
	public Optional<Window.Use> current(String appId, String openId) {
		List<Object> fields = this.redis.opsForHash()
			.multiGet(key(appId, openId), List.of("start", "end", "max", "planned"));
		if (fields.contains(null)) {
			return Optional.empty();
		}
		return Optional.of(new Window.Use(new Window(Instant.ofEpochMilli(Long.parseLong((String) fields.get(0))),
				Instant.ofEpochMilli(Long.parseLong((String) fields.get(1))), Integer.parseInt((String) fields.get(2))),
				Integer.parseInt((String) fields.get(3))));
	}

	/**
	 * Not remembered per message like {@link #plan}: should the transaction that stores
	 * the reply roll back, the send stays counted (WeChat then allows one fewer, never
	 * one more).
	 */
	@Override
	@SuppressWarnings("unchecked")
	public Grant planOne(String appId, String openId, Instant now) {
		List<Long> answer = this.redis.execute(PLAN_ONE, List.of(key(appId, openId)),
				Long.toString(now.toEpochMilli()));
		return new Grant(answer.get(0).intValue(), Instant.ofEpochMilli(answer.get(1)), false);
	}

	private static String key(String appId, String openId) {
		return "kefu:outbox:allowance:{" + appId + "}:" + openId;
	}

}
