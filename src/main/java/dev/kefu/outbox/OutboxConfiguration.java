package dev.kefu.outbox;

import java.sql.DatabaseMetaData;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import dev.kefu.cluster.OptionalRedis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Wires the outbox: retry backoff, and allowances counted in Redis when
 * {@code spring.data.redis.*} is configured, in the database otherwise.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

	@Bean
	Backoff outboxBackoff(OutboxProperties properties) {
		return new Backoff(properties.firstRetry(), properties.maxRetryDelay(), RandomGenerator.getDefault());
	}

	@Bean
	AllowanceStore outboxAllowances(Environment environment, JdbcClient jdbc, DataSource dataSource,
			ObjectProvider<StringRedisTemplate> redis) throws MetaDataAccessException {
		if (OptionalRedis.configured(environment)) {
			return new RedisAllowanceStore(redis.getObject());
		}
		String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		return new JdbcAllowanceStore(jdbc, "H2".equals(product));
	}

}
