package dev.kefu.wechat.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSealTests {

	private static final AppCredentials APP = new AppCredentials("wx0123456789abcdef", "app-secret-1");

	@Test
	void sealsATokenSoItsTextIsNotStored() {
		String sealed = TokenSeal.seal(APP, "ACCESS_TOKEN_VALUE");

		assertThat(sealed).startsWith("s1:").doesNotContain("ACCESS_TOKEN_VALUE");
		assertThat(TokenSeal.open(APP, sealed)).hasValue("ACCESS_TOKEN_VALUE");
	}

	@Test
	void sealsOneTokenAlwaysTheSameWaySoCompareAndExpireWorks() {
		assertThat(TokenSeal.seal(APP, "T1")).isEqualTo(TokenSeal.seal(APP, "T1"))
			.isNotEqualTo(TokenSeal.seal(APP, "T2"));
	}

	@Test
	void readsATokenStoredBeforeSealingAsIs() {
		assertThat(TokenSeal.open(APP, "legacy-plain-token")).hasValue("legacy-plain-token");
	}

	@Test
	void opensNothingUnderAnotherSecretOrAnotherApp() {
		String sealed = TokenSeal.seal(APP, "T1");

		assertThat(TokenSeal.open(new AppCredentials(APP.appId(), "rotated-secret"), sealed)).isEmpty();
		assertThat(TokenSeal.open(new AppCredentials("wxfedcba9876543210", APP.secret()), sealed)).isEmpty();
		assertThat(TokenSeal.open(APP, "s1:not base64!")).isEmpty();
	}

	@Test
	void fitsTheColumnForTheLongestTokens() {
		assertThat(TokenSeal.seal(APP, "x".repeat(512))).hasSizeLessThanOrEqualTo(1024);
	}

}
