package dev.kefu.wechat.api;

import java.net.URI;
import java.time.Clock;

import dev.kefu.cluster.LeaseReleases;
import dev.kefu.cluster.OptionalRedis;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the API client: tokens are shared through Redis when {@code spring.data.redis.*}
 * is configured, through the database otherwise.
 */
@Configuration(proxyBeanMethods = false)
class WeChatApiConfiguration {

	@Bean
	WeChatHttp wechatHttp(WeChatProperties properties, Environment environment) {
		return new WeChatHttp(properties.apiBaseUrl(), () -> sandboxBaseUrl(properties, environment),
				properties.connectTimeout(), properties.readTimeout());
	}

	/**
	 * The configured sandbox URL, or the emulator in this server once its port is known.
	 */
	private static URI sandboxBaseUrl(WeChatProperties properties, Environment environment) {
		if (properties.sandboxApiBaseUrl() != null) {
			return properties.sandboxApiBaseUrl();
		}
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		return URI.create("http://127.0.0.1:" + port + "/emulator/api");
	}

	@Bean
	AccessTokens wechatAccessTokens(WeChatHttp http, WeChatProperties properties, Environment environment,
			JdbcClient jdbc, ObjectProvider<StringRedisTemplate> redis, LeaseReleases releases, Clock clock,
			MeterRegistry meters) {
		TokenStore store = OptionalRedis.configured(environment) ? new RedisTokenStore(redis.getObject())
				: new JdbcTokenStore(jdbc, clock);
		return new AccessTokens(http, store, properties, releases, clock, meters);
	}

	@Bean
	WeChatApi weChatApi(WeChatHttp http, AccessTokens tokens, MeterRegistry meters) {
		return new WeChatApi(http, tokens, meters);
	}

	@Bean
	WeChatTokensHealthIndicator wechatTokensHealthIndicator(AccessTokens tokens, Clock clock) {
		return new WeChatTokensHealthIndicator(tokens, clock);
	}

}
