package dev.kefu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kefu's logging as application.yml configures it: a message cannot add a line of its own
 * to the log, whatever control characters a caller smuggles into it.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogLinesIntegrationTests {

	@Test
	void controlCharactersInAMessageCannotStartALogLine(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off")) {
			LoggerFactory.getLogger("dev.kefu.audit")
				.warn("user said: {}", "hi\r\n2026-12-03T00:00:00.000Z  WARN --- forged\u001b[31m\u0000end");
		}

		assertThat(output.getOut()).contains("user said: hi??2026-12-03T00:00:00.000Z  WARN --- forged?[31m?end")
			.doesNotContain("\n2026-12-03T00:00:00.000Z  WARN --- forged");
	}

	@Configuration(proxyBeanMethods = false)
	static class Nothing {

	}

}
