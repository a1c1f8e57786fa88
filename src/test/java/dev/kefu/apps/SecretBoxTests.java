package dev.kefu.apps;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretBoxTests {

	private static final byte[] KEY = new byte[32];

	private static final String APP_ID = "wx0123456789abcdef";

	private final SecretBox box = new SecretBox(KEY, new Random(42));

	@Test
	void opensWhatItSealed() {
		String sealed = this.box.seal(APP_ID, "应用密钥 secret");

		assertThat(this.box.open(APP_ID, sealed)).isEqualTo("应用密钥 secret");
	}

	@Test
	void sealsNothingAsNothing() {
		assertThat(this.box.seal(APP_ID, null)).isNull();
		assertThat(this.box.open(APP_ID, null)).isNull();
	}

	@Test
	void sealedValueDoesNotContainThePlaintext() {
		String sealed = this.box.seal(APP_ID, "0123456789abcdef0123456789abcdef");

		assertThat(sealed).startsWith("v1:").doesNotContain("0123456789abcdef");
		assertThat(new String(Base64.getDecoder().decode(sealed.substring(3)), StandardCharsets.ISO_8859_1))
			.doesNotContain("0123456789abcdef");
	}

	@Test
	void sealsTheSameValueDifferentlyEachTime() {
		assertThat(this.box.seal(APP_ID, "secret")).isNotEqualTo(this.box.seal(APP_ID, "secret"));
	}

	@Test
	void refusesToOpenAValueSealedForAnotherApp() {
		String sealed = this.box.seal("wxffffffffffffffff", "secret");

		assertThatIllegalStateException().isThrownBy(() -> this.box.open(APP_ID, sealed)).withMessageContaining(APP_ID);
	}

	@Test
	void refusesToOpenAValueSealedWithAnotherKey() {
		byte[] otherKey = new byte[32];
		otherKey[0] = 1;
		String sealed = new SecretBox(otherKey, new Random(1)).seal(APP_ID, "secret");

		assertThatIllegalStateException().isThrownBy(() -> this.box.open(APP_ID, sealed))
			.withMessageContaining("kefu.secrets.key");
	}

	@Test
	void refusesToOpenAnAlteredValue() {
		byte[] bytes = Base64.getDecoder().decode(this.box.seal(APP_ID, "secret").substring(3));
		bytes[bytes.length - 1] ^= 1;

		assertThatIllegalStateException()
			.isThrownBy(() -> this.box.open(APP_ID, "v1:" + Base64.getEncoder().encodeToString(bytes)));
	}

	@Test
	void generatesTheKeyFileOnceReadableByTheOwnerOnlyAndReusesIt(@TempDir Path dataDir) throws Exception {
		Path file = dataDir.resolve("nested").resolve(SecretBox.KEY_FILE);

		byte[] first = SecretBox.keyFile(file);
		String stored = Files.readString(file);
		byte[] second = SecretBox.keyFile(file);

		assertThat(first).hasSize(32).isEqualTo(second);
		assertThat(Files.readString(file)).isEqualTo(stored);
		assertThat(Base64.getDecoder().decode(stored.strip())).isEqualTo(first);
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		try (var files = Files.list(file.getParent())) {
			assertThat(files).containsExactly(file);
		}
	}

	@Test
	void opensWithTheKeyFileWhatWasSealedBeforeARestart(@TempDir Path dataDir) {
		AppsProperties properties = properties(dataDir, null);
		String sealed = SecretBox.fromConfiguration(properties).seal(APP_ID, "secret");

		assertThat(SecretBox.fromConfiguration(properties).open(APP_ID, sealed)).isEqualTo("secret");
	}

	@Test
	void usesTheConfiguredKeyAndWritesNoFile(@TempDir Path dataDir) {
		String key = Base64.getEncoder().encodeToString(KEY);

		SecretBox configured = SecretBox.fromConfiguration(properties(dataDir, key));

		assertThat(configured.open(APP_ID, this.box.seal(APP_ID, "secret"))).isEqualTo("secret");
		assertThat(dataDir.resolve(SecretBox.KEY_FILE)).doesNotExist();
	}

	@Test
	void refusesAKeyFileThatDoesNotHoldThirtyTwoBytes(@TempDir Path dataDir) throws Exception {
		Path file = dataDir.resolve(SecretBox.KEY_FILE);
		Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));

		assertThatIllegalStateException().isThrownBy(() -> SecretBox.keyFile(file))
			.withMessageContaining("kefu.secrets.key");
	}

	private static AppsProperties properties(Path dataDir, String key) {
		return new AppsProperties(dataDir, new AppsProperties.Secrets(key),
				new AppsProperties.Registry(Duration.ofSeconds(1)),
				new AppsProperties.Bootstrap(null, null, null, null, null, null));
	}

}
