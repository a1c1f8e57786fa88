package dev.kefu.cluster;

import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Redis is optional: kefu uses it for state shared between instances only when
 * {@code spring.data.redis.*} names a server, and otherwise keeps that state in the
 * database.
 * <p>
 * As an {@link EnvironmentPostProcessor} it turns Redis' health contributor off when no
 * server is configured, so an instance that does not use Redis never reports DOWN because
 * none runs.
 */
public class OptionalRedis implements EnvironmentPostProcessor {

	private static final List<String> SERVER_PROPERTIES = List.of("spring.data.redis.host", "spring.data.redis.url",
			"spring.data.redis.port", "spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes");

	/** Whether the environment names a Redis server for kefu to use. */
	public static boolean configured(Environment environment) {
		return SERVER_PROPERTIES.stream().anyMatch(environment::containsProperty);
	}

	/**
	 * Matches when the environment names a Redis server: for beans that exist only with
	 * Redis.
	 */
	public static final class Configured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return configured(context.getEnvironment());
		}

	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!configured(environment)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("kefuWithoutRedis", Map.of("management.health.redis.enabled", "false")));
		}
	}

}
