package dev.kefu.cluster;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.kefu.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances' {@link LeaseReleases} over the local Redis: a release announced by one
 * wakes a caller of the other that waits for it. The backoff is an hour, so only the
 * message can wake it.
 */
class LeaseReleasesIntegrationTests {

	static final Duration NEVER = Duration.ofHours(1);

	LettuceConnectionFactory redis;

	LeaseReleasesSubscription subscription;

	@BeforeEach
	void connect() {
		this.redis = TestRedis.connect();
	}

	@AfterEach
	void disconnect() throws Exception {
		if (this.subscription != null) {
			this.subscription.stop();
			this.subscription.destroy();
		}
		this.redis.destroy();
	}

	@Test
	void aReleaseAnnouncedByOneInstanceWakesTheOtherInstancesWaiter() throws Exception {
		StringRedisTemplate template = new StringRedisTemplate(this.redis);
		LeaseReleases announcing = LeaseReleases.overRedis(template, NEVER, NEVER);
		LeaseReleases waitingInstance = LeaseReleases.overRedis(template, NEVER, NEVER);
		this.subscription = new LeaseReleasesSubscription(this.redis, waitingInstance);
		this.subscription.start();
		String key = "test:" + UUID.randomUUID();
		LeaseReleases.Release release = waitingInstance.expect(key);
		CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> release.await(0, NEVER.toNanos()));

		await().until(this.subscription::listening);
		// A subscription is registered with Redis a moment after it is made: announce
		// until heard.
		await().until(() -> {
			announcing.released(key);
			return woken.isDone();
		});

		assertThat(woken.get(1, TimeUnit.SECONDS)).isTrue();
	}

}
