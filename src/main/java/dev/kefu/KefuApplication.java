package dev.kefu;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
public class KefuApplication {

	public static void main(String[] args) {
		SpringApplication.run(KefuApplication.class, args);
	}

	/** The one clock every module reads time from; tests replace it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
