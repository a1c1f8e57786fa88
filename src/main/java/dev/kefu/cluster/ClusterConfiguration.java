package dev.kefu.cluster;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Wires what the instances share: lease releases are announced through Redis when
 * {@code spring.data.redis.*} is configured, and heard in this instance only otherwise.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

	@Bean
	LeaseReleases leaseReleases(Environment environment, ObjectProvider<StringRedisTemplate> redis) {
		return OptionalRedis.configured(environment) ? LeaseReleases.overRedis(redis.getObject()) : new LeaseReleases();
	}

	@Bean
	@Conditional(OptionalRedis.Configured.class)
	LeaseReleasesSubscription leaseReleasesSubscription(RedisConnectionFactory redis, LeaseReleases releases) {
		return new LeaseReleasesSubscription(redis, releases);
	}

}
