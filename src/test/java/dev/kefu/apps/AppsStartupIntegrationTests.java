package dev.kefu.apps;

import java.nio.file.Path;
import java.util.Map;

import dev.kefu.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Bad configuration stops kefu at start-up with a message naming what to fix, and without
 * repeating the bad value.
 */
@ExtendWith(OutputCaptureExtension.class)
class AppsStartupIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void refusesToStartNamingKefuAppAesKeyWhenItIsNotFortyThreeLettersOrDigits(CapturedOutput output) {
		Map<String, String> environment = Map.of("KEFU_APP_ID", "wx0123456789abcdef", "KEFU_APP_SECRET", "some-secret",
				"KEFU_APP_TOKEN", "token1", "KEFU_APP_AES_KEY", "tooShortAesKey");

		assertThatException()
			.isThrownBy(() -> TestInstances.start(environment, TestDatabases.freshH2(), "sa", this.dataDir).close())
			.havingRootCause()
			.withMessageContaining("KEFU_APP_AES_KEY must be exactly 43 letters or digits");
		assertThat(output.toString()).contains("APPLICATION FAILED TO START")
			.contains("KEFU_APP_AES_KEY must be exactly 43 letters or digits")
			.doesNotContain("tooShortAesKey", "some-secret");
	}

	@Test
	void refusesToStartNamingKefuSecretsKeyWhenItIsNotThirtyTwoBytes(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestInstances
			.start(TestDatabases.freshH2(), "sa", this.dataDir, "--kefu.secrets.key=c2hvcnQta2V5LXZhbHVl")
			.close());
		assertThat(output.toString()).contains("kefu.secrets.key must be the base64 encoding of exactly 32 bytes")
			.doesNotContain("c2hvcnQta2V5LXZhbHVl");
	}

}
