package dev.kefu.apps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class AppsPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsToTheDataDirectoryAndAOneSecondRefresh() {
		this.contexts.run((context) -> {
			AppsProperties properties = context.getBean(AppsProperties.class);
			assertThat(properties.dataDir()).isEqualTo(Path.of("data"));
			assertThat(properties.secrets().key()).isNull();
			assertThat(properties.apps().refreshInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.app().isGiven()).isFalse();
		});
	}

	@Test
	void acceptsASecretsKeyOfThirtyTwoBytes() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);

		this.contexts.withPropertyValues("kefu.secrets.key=" + key)
			.run((context) -> assertThat(context.getBean(AppsProperties.class).secrets().decodedKey()).hasSize(32));
	}

	@Test
	void failsNamingKefuSecretsKeyWhenItIsNotThirtyTwoBytes() {
		String key = Base64.getEncoder().encodeToString(new byte[16]);

		this.contexts.withPropertyValues("kefu.secrets.key=" + key)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("kefu.secrets.key must be the base64 encoding of exactly 32 bytes"));
	}

	@Test
	void failsNamingKefuSecretsKeyWhenItIsNotBase64() {
		this.contexts.withPropertyValues("kefu.secrets.key=not base64!")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("kefu.secrets.key"));
	}

	@Test
	void failsNamingTheRefreshIntervalWhenItIsNotPositive() {
		this.contexts.withPropertyValues("kefu.apps.refresh-interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("kefu.apps.refresh-interval must be positive"));
	}

	@Test
	void bindsTheBootstrapAppFromKefuAppEnvironmentVariables() {
		MutablePropertySources sources = new StandardEnvironment().getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("KEFU_APP_ID", "wx0123456789abcdef", "KEFU_APP_SECRET", "the-secret", "KEFU_APP_TOKEN",
								"token1", "KEFU_APP_AES_KEY", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
								"KEFU_APP_NAME", "下载助手", "KEFU_APP_PUSH_MODE", "SAFE")));

		AppsProperties.Bootstrap app = new Binder(ConfigurationPropertySources.from(sources))
			.bind("kefu.app", AppsProperties.Bootstrap.class)
			.get();

		assertThat(app).isEqualTo(new AppsProperties.Bootstrap("wx0123456789abcdef", "下载助手", "the-secret", "token1",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "SAFE"));
	}

	@Test
	void neverShowsCredentialsInToString() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		this.contexts
			.withPropertyValues("kefu.secrets.key=" + key, "kefu.app.id=wx0123456789abcdef",
					"kefu.app.secret=the-app-secret", "kefu.app.token=theToken",
					"kefu.app.aes-key=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
			.run((context) -> assertThat(context.getBean(AppsProperties.class).toString())
				.contains("wx0123456789abcdef")
				.doesNotContain(key, "the-app-secret", "theToken", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AppsProperties.class)
	static class PropertiesOnly {

	}

}
