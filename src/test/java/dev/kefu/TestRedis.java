package dev.kefu;

import org.junit.jupiter.api.Assumptions;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The local Redis tests run against (127.0.0.1:6379). Outside CI a missing server skips
 * the test; with {@code CI=true} it fails, because CI must run every Redis test.
 */
public final class TestRedis {

	public static final String HOST = "127.0.0.1";

	public static final int PORT = 6379;

	private TestRedis() {
	}

	/** A connected template; the caller closes the factory. */
	public static LettuceConnectionFactory connect() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(HOST, PORT));
		factory.afterPropertiesSet();
		factory.start();
		try {
			new StringRedisTemplate(factory).getConnectionFactory().getConnection().ping();
		}
		catch (RuntimeException ex) {
			factory.destroy();
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true and Redis at " + HOST + ":" + PORT + " is not reachable", ex);
			}
			Assumptions.abort("Redis at " + HOST + ":" + PORT + " is not reachable: " + ex.getMessage());
		}
		return factory;
	}

}
