package dev.kefu.inbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kefu.inbox.retention}: the de-duplication window has a floor. */
class InboxRetentionPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void acceptsTenMinutes() {
		this.contexts.withPropertyValues("kefu.inbox.retention=10m")
			.run((context) -> assertThat(context.getBean(InboxRetentionProperties.class).retention())
				.isEqualTo(Duration.ofMinutes(10)));
	}

	@Test
	void failsNamingTheRetentionWhenItIsUnderTenMinutes() {
		this.contexts.withPropertyValues("kefu.inbox.retention=599s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("kefu.inbox.retention")
				.hasStackTraceContaining("10 minutes"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(InboxRetentionProperties.class)
	static class PropertiesOnly {

	}

}
