package dev.kefu.apps;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AppsProperties.class)
class AppsConfiguration {

	@Bean
	SecretBox appSecretBox(AppsProperties properties) {
		return SecretBox.fromConfiguration(properties);
	}

}
