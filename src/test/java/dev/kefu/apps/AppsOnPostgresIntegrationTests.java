package dev.kefu.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kefu.TestDatabases;
import dev.kefu.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry on the local PostgreSQL, with two instances sharing one database and one
 * data directory, as two kefu processes on one host would.
 */
@ExtendWith(OutputCaptureExtension.class)
class AppsOnPostgresIntegrationTests {

	private static final String APP_ID = "wx5eed5eed5eed5eed";

	private static final Pattern GENERATED_PASSWORD = Pattern.compile("generated password: (\\S+)");

	@TempDir
	Path dataDir;

	@Test
	void migratesAndKeepsTheRegistryOnPostgres() {
		String url = TestDatabases.freshPostgres();
		try (ConfigurableApplicationContext kefu = TestInstances.start(url, "postgres", this.dataDir)) {
			RegistryScenario.run(kefu, "wx0000000000a11ce0");
		}
	}

	@Test
	void instancesSharingADatabaseShareTheGeneratedKeyAndFirstAdminAndSeeEachOthersChanges(CapturedOutput output)
			throws Exception {
		String url = TestDatabases.freshPostgres();
		try (ConfigurableApplicationContext first = TestInstances.start(url, "postgres", this.dataDir,
				bootstrap("first-secret"))) {
			Path keyFile = this.dataDir.resolve("secrets.key");
			assertThat(Files.getPosixFilePermissions(keyFile)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE);
			String key = Files.readString(keyFile);
			Matcher printed = GENERATED_PASSWORD.matcher(output.toString());
			assertThat(printed.find()).as("the generated admin password is printed").isTrue();
			String password = printed.group(1);
			List<AppChanged> seenByFirst = new CopyOnWriteArrayList<>();
			first.addApplicationListener((ApplicationEvent event) -> {
				if (event instanceof PayloadApplicationEvent<?> payload
						&& payload.getPayload() instanceof AppChanged changed) {
					seenByFirst.add(changed);
				}
			});
			int printedSoFar = output.toString().length();

			try (ConfigurableApplicationContext second = TestInstances.start(url, "postgres", this.dataDir,
					bootstrap("second-secret"))) {
				assertThat(Files.readString(keyFile)).isEqualTo(key);
				assertThat(output.toString().substring(printedSoFar)).doesNotContain("generated password");
				assertThat(second.getBean(Apps.class).find(APP_ID)).get()
					.extracting(App::secret)
					.isEqualTo("second-secret");

				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					assertThat(first.getBean(Apps.class).find(APP_ID)).get()
						.extracting(App::secret)
						.isEqualTo("second-secret");
					assertThat(seenByFirst).contains(new AppChanged(APP_ID));
				});

				first.getBean(AppRegistry.class).remove(APP_ID);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(second.getBean(Apps.class).find(APP_ID)).isEmpty());
			}
			assertThat(TestHttp.on(TestInstances.port(first)).as("admin", password).get("/api/apps").statusCode())
				.isEqualTo(200);
		}
	}

	private static String[] bootstrap(String secret) {
		return new String[] { "--kefu.app.id=" + APP_ID, "--kefu.app.secret=" + secret, "--kefu.app.token=token1",
				"--kefu.app.aes-key=" + RegistryScenario.AES_KEY };
	}

}
