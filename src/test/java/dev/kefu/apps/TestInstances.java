package dev.kefu.apps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.KefuApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Whole kefu instances started the way {@code java -jar kefu.jar} starts them, on a
 * random port, for tests that need several instances on one database or a real
 * environment.
 */
final class TestInstances {

	private TestInstances() {
	}

	/**
	 * Starts kefu on the database at {@code url} with the given extra command-line
	 * arguments.
	 */
	static ConfigurableApplicationContext start(String url, String user, Path dataDir, String... arguments) {
		return start(Map.of(), url, user, dataDir, arguments);
	}

	/**
	 * Starts kefu as if {@code environment} were added to the process's environment
	 * variables.
	 */
	static ConfigurableApplicationContext start(Map<String, String> environment, String url, String user, Path dataDir,
			String... arguments) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + user, "--spring.datasource.password=", "--kefu.data-dir=" + dataDir));
		args.addAll(List.of(arguments));
		StandardEnvironment standard = new StandardEnvironment();
		Map<String, Object> variables = new HashMap<>(standard.getSystemEnvironment());
		variables.putAll(environment);
		standard.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return new SpringApplicationBuilder(KefuApplication.class).environment(standard)
			.run(args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
