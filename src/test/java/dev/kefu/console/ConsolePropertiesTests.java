package dev.kefu.console;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ConsolePropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void failsNamingKefuAdminPasswordWhenItIsTooShort() {
		this.contexts.withPropertyValues("kefu.admin.password=short-pw1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("kefu.admin.password is too weak"));
	}

	@Test
	void failsNamingKefuAdminPasswordWhenItIsCommon() {
		this.contexts.withPropertyValues("kefu.admin.password=Password1234!")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("kefu.admin.password is too weak"));
	}

	@Test
	void acceptsAStrongAdminPasswordAndNoneAtAll() {
		this.contexts.withPropertyValues("kefu.admin.password=Tq8-vendor-lamp-Rx")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contexts.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void defaultsToThrottlingPerAddressAndPerAccount() {
		this.contexts.run((context) -> {
			ConsoleProperties.Console console = context.getBean(ConsoleProperties.class).console();
			assertThat(console.maxFailedLogins()).isEqualTo(5);
			assertThat(console.maxFailedLoginsPerAddress()).isEqualTo(20);
			assertThat(console.maxFailedLoginsPerAccount()).isEqualTo(50);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ConsoleProperties.class)
	static class PropertiesOnly {

	}

}
