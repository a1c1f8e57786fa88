package dev.kefu.apps;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import dev.kefu.TestDatabases;
import dev.kefu.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry on the local MariaDB, started from environment variables with a configured
 * secrets key and admin password, none of which may reach the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class AppsOnMariadbIntegrationTests {

	private static final String SECRETS_KEY = Base64.getEncoder()
		.encodeToString("m4r14db-k3y-m4r14db-k3y-m4r14db!".getBytes());

	private static final String ADMIN_PASSWORD = "Maria-admin-password-7";

	private static final String ENV_SECRET = "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1";

	private static final String ENV_TOKEN = "envToken77";

	private static final String ENV_AES_KEY = "EnvironmentAesKeyEnvironmentAesKeyEnvironme";

	@TempDir
	Path dataDir;

	@Test
	void migratesKeepsTheRegistryAndBootstrapsFromTheEnvironmentWithoutLoggingCredentials(CapturedOutput output) {
		Map<String, String> environment = Map.of("KEFU_APP_ID", "wxe0e0e0e0e0e0e0e0", "KEFU_APP_SECRET", ENV_SECRET,
				"KEFU_APP_TOKEN", ENV_TOKEN, "KEFU_APP_AES_KEY", ENV_AES_KEY, "KEFU_ADMIN_PASSWORD", ADMIN_PASSWORD,
				"KEFU_SECRETS_KEY", SECRETS_KEY);
		try (ConfigurableApplicationContext kefu = TestInstances.start(environment, TestDatabases.freshMariadb(),
				"root", this.dataDir)) {
			assertThat(kefu.getBean(Apps.class).find("wxe0e0e0e0e0e0e0e0")).get().satisfies((app) -> {
				assertThat(app.secret()).isEqualTo(ENV_SECRET);
				assertThat(app.encodingAesKey()).isEqualTo(ENV_AES_KEY);
			});
			assertThat(this.dataDir.resolve("secrets.key")).doesNotExist();
			assertThat(TestHttp.on(TestInstances.port(kefu)).as("admin", ADMIN_PASSWORD).get("/api/apps").statusCode())
				.isEqualTo(200);

			RegistryScenario.run(kefu, "wx0000000000b0b0b0");
		}
		assertThat(output.toString()).contains("wxe0e0e0e0e0e0e0e0")
			.doesNotContain(ENV_SECRET, ENV_TOKEN, ENV_AES_KEY, ADMIN_PASSWORD, SECRETS_KEY, RegistryScenario.SECRET,
					RegistryScenario.TOKEN, RegistryScenario.AES_KEY, RegistryScenario.NEW_AES_KEY);
	}

}
