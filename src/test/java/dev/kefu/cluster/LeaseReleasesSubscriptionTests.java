package dev.kefu.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseReleasesSubscriptionTests {

	/** Nothing listens on port 1. */
	final LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
			new RedisStandaloneConfiguration("127.0.0.1", 1));

	LeaseReleasesSubscription subscription;

	@AfterEach
	void close() throws Exception {
		this.subscription.stop();
		this.subscription.destroy();
		this.unreachable.destroy();
	}

	@Test
	void startsWithoutWaitingForAnUnreachableRedis() {
		this.unreachable.afterPropertiesSet();
		this.unreachable.start();
		this.subscription = new LeaseReleasesSubscription(this.unreachable, new LeaseReleases());

		this.subscription.start();

		assertThat(this.subscription.isRunning()).isTrue();
		assertThat(this.subscription.listening()).isFalse();
	}

}
