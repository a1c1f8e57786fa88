package dev.kefu.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kefu.outbox.retention}, bound beside the other {@code kefu.outbox.*} properties.
 */
class OutboxRetentionPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void keepsThirtyDaysAndPurgesEveryTenMinutesByDefault() {
		this.contexts.run((context) -> {
			OutboxRetentionProperties properties = context.getBean(OutboxRetentionProperties.class);
			assertThat(properties.retention()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.purgeInterval()).isEqualTo(Duration.ofMinutes(10));
		});
	}

	@Test
	void bindsBesideTheOtherOutboxPropertiesOnTheSamePrefix() {
		this.contexts
			.withPropertyValues("kefu.outbox.retention=7d", "kefu.outbox.purge-interval=1m",
					"kefu.outbox.max-attempts=3")
			.run((context) -> {
				assertThat(context.getBean(OutboxRetentionProperties.class))
					.isEqualTo(new OutboxRetentionProperties(Duration.ofDays(7), Duration.ofMinutes(1)));
				assertThat(context.getBean(OutboxProperties.class).maxAttempts()).isEqualTo(3);
			});
	}

	@Test
	void failsNamingTheRetentionWhenItIsUnderTenMinutes() {
		this.contexts.withPropertyValues("kefu.outbox.retention=9m")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("kefu.outbox.retention"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ OutboxProperties.class, OutboxRetentionProperties.class })
	static class PropertiesOnly {

	}

}
