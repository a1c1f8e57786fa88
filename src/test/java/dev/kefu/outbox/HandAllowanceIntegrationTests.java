package dev.kefu.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import dev.kefu.TestDatabases;
import dev.kefu.TestRedis;
import dev.kefu.rules.ReplyPlanned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply by hand is planned in the user's current window, one send at a time, in every
 * allowance store.
 */
class HandAllowanceIntegrationTests {

	private static final Instant RECEIVED = Instant.parse("2026-03-04T02:00:00Z");

	private static final Window WINDOW = Window.openedBy(ReplyPlanned.Cause.USER_MESSAGE, RECEIVED);

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void plansSingleSendsUntilTheWindowIsUsedUpInTheDatabase(Supplier<String> url, String user, String vendor) {
		JdbcClient jdbc = JdbcClient.create(TestDatabases.migrated(url, user, vendor));
		usesUpTheWindowOneSendAtATime(new JdbcAllowanceStore(jdbc, "h2".equals(vendor)), "o-user", RECEIVED);
	}

	@Test
	void plansSingleSendsUntilTheWindowIsUsedUpInRedis() {
		LettuceConnectionFactory factory = TestRedis.connect();
		StringRedisTemplate redis = new StringRedisTemplate(factory);
		String openId = "o-" + UUID.randomUUID();
		try {
			// now: Redis expires the user's key by the real clock, a day after the window
			usesUpTheWindowOneSendAtATime(new RedisAllowanceStore(redis), openId,
					Instant.ofEpochMilli(System.currentTimeMillis()));
		}
		finally {
			redis.delete("kefu:outbox:allowance:{wx-app}:" + openId);
			factory.destroy();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void refusesASendOnceTheWindowClosedOrWithoutOne(Supplier<String> url, String user, String vendor) {
		AllowanceStore store = new JdbcAllowanceStore(JdbcClient.create(TestDatabases.migrated(url, user, vendor)),
				"h2".equals(vendor));

		assertThat(store.current("wx-app", "o-user")).isEmpty();
		assertThat(store.planOne("wx-app", "o-user", RECEIVED).granted()).isZero();
		store.plan("wx-app", "o-user", "m-1", WINDOW, 1, () -> 0);
		assertThat(store.planOne("wx-app", "o-user", WINDOW.end()).granted()).isZero();
		assertThat(store.current("wx-app", "o-user").orElseThrow().planned()).isEqualTo(1);
	}

	private static void usesUpTheWindowOneSendAtATime(AllowanceStore store, String openId, Instant received) {
		Window window = Window.openedBy(ReplyPlanned.Cause.USER_MESSAGE, received);
		// the rules answered the message with one part
		store.plan("wx-app", openId, "m-1", window, 1, () -> 0);
		Instant now = received.plus(Duration.ofMinutes(5));

		for (int left = 4; left > 0; left--) {
			Grant grant = store.planOne("wx-app", openId, now);
			assertThat(grant.granted()).isEqualTo(1);
			assertThat(grant.deadline()).isEqualTo(window.end());
		}

		assertThat(store.planOne("wx-app", openId, now).granted()).isZero();
		Window.Use use = store.current("wx-app", openId).orElseThrow();
		assertThat(use.planned()).isEqualTo(5);
		assertThat(use.window()).isEqualTo(window);
	}

}
