package dev.kefu.cluster;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class OptionalRedisTests {

	final OptionalRedis optionalRedis = new OptionalRedis();

	@Test
	void withoutRedisSettingsRedisHealthIsOffSoAMissingServerCannotMakeKefuDown() {
		MockEnvironment environment = new MockEnvironment();

		this.optionalRedis.postProcessEnvironment(environment, new SpringApplication());

		assertThat(OptionalRedis.configured(environment)).isFalse();
		assertThat(environment.getProperty("management.health.redis.enabled")).isEqualTo("false");
	}

	@Test
	void aConfiguredRedisIsUsedAndItsHealthReported() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.data.redis.host", "redis.internal");

		this.optionalRedis.postProcessEnvironment(environment, new SpringApplication());

		assertThat(OptionalRedis.configured(environment)).isTrue();
		assertThat(environment.getProperty("management.health.redis.enabled")).isNull();
	}

	@Test
	void anExplicitHealthSettingWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("management.health.redis.enabled", "true");

		this.optionalRedis.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("management.health.redis.enabled")).isEqualTo("true");
	}

	@Test
	void aRedisUrlCountsAsConfigured() {
		assertThat(OptionalRedis
			.configured(new MockEnvironment().withProperty("spring.data.redis.url", "redis://redis.internal:6379")))
			.isTrue();
	}

}
