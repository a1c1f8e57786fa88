package dev.kefu.apps;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AppBootstrapTests {

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	@Test
	void bootstrapsNothingWhenNoVariableIsSet() {
		assertThat(bootstrap(null, null, null, null).draft()).isEmpty();
	}

	@Test
	void namesTheAppAfterItsIdUnlessKefuAppNameIsSet() {
		assertThat(bootstrap("wx0123456789abcdef", "secret", "token1", AES_KEY).draft()).get()
			.extracting(AppDraft::name)
			.isEqualTo("wx0123456789abcdef");
	}

	@Test
	void failsNamingKefuAppAesKeyWhenItIsNotFortyThreeLettersOrDigits() {
		assertThatIllegalStateException().isThrownBy(() -> bootstrap("wx0123456789abcdef", "secret", "token1", "short"))
			.withMessageContaining("KEFU_APP_AES_KEY must be exactly 43 letters or digits")
			.withMessageNotContaining("short");
	}

	@Test
	void failsNamingKefuAppIdWhenItIsNotWxAndSixteenHexCharacters() {
		assertThatIllegalStateException().isThrownBy(() -> bootstrap("wx123", "secret", "token1", AES_KEY))
			.withMessageContaining("KEFU_APP_ID must be wx followed by 16 hex characters");
	}

	@Test
	void failsNamingEachMissingVariable() {
		assertThatIllegalStateException().isThrownBy(() -> bootstrap("wx0123456789abcdef", null, "t", null))
			.withMessageContaining("KEFU_APP_SECRET is required")
			.withMessageContaining("KEFU_APP_TOKEN must be 3 to 32 letters or digits")
			.withMessageContaining("KEFU_APP_AES_KEY is required");
	}

	@Test
	void takesThePushModeFromKefuAppPushModeInAnyCase() {
		assertThat(bootstrap("wx0123456789abcdef", "secret", "token1", AES_KEY, "safe").draft()).get()
			.extracting(AppDraft::pushMode)
			.isEqualTo("safe");
		assertThat(bootstrap("wx0123456789abcdef", "secret", "token1", AES_KEY).draft()).get()
			.extracting(AppDraft::pushMode)
			.isNull();
	}

	@Test
	void failsNamingKefuAppPushModeWhenItIsNoMode() {
		assertThatIllegalStateException()
			.isThrownBy(() -> bootstrap("wx0123456789abcdef", "secret", "token1", AES_KEY, "encrypted"))
			.withMessageContaining("KEFU_APP_PUSH_MODE must be PLAINTEXT, COMPATIBLE or SAFE");
	}

	private static AppBootstrap bootstrap(String id, String secret, String token, String aesKey) {
		return bootstrap(id, secret, token, aesKey, null);
	}

	private static AppBootstrap bootstrap(String id, String secret, String token, String aesKey, String pushMode) {
		AppsProperties properties = new AppsProperties(Path.of("data"), new AppsProperties.Secrets(null),
				new AppsProperties.Registry(Duration.ofSeconds(1)),
				new AppsProperties.Bootstrap(id, null, secret, token, aesKey, pushMode));
		return new AppBootstrap(properties, null, null);
	}

}
