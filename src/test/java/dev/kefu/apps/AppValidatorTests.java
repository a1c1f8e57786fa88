package dev.kefu.apps;

import java.util.List;

import dev.kefu.apps.AppRejectedException.InvalidField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AppValidatorTests {

	static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	static AppDraft draft() {
		return new AppDraft("wx0123456789abcdef", "下载助手", "0123456789abcdef0123456789abcdef", "kefuToken1", AES_KEY,
				null, null, null);
	}

	@Test
	void acceptsACompleteRegistration() {
		assertThat(AppValidator.forRegistration(draft())).isEmpty();
	}

	@Test
	void namesEveryMissingRequiredField() {
		AppDraft empty = new AppDraft(null, null, null, null, null, null, null, null);

		assertThat(fields(AppValidator.forRegistration(empty))).containsExactly("appId", "name", "secret", "token",
				"encodingAesKey");
	}

	@ParameterizedTest
	@ValueSource(strings = { "wx0123456789abcde", "wx0123456789abcdef0", "wy0123456789abcdef", "wx0123456789abcdeg",
			"WX0123456789abcdef", " wx0123456789abcdef", "" })
	void rejectsAnAppIdThatIsNotWxAndSixteenHexCharacters(String appId) {
		AppDraft draft = new AppDraft(appId, "n", "s", "tok", AES_KEY, null, null, null);

		assertThat(fields(AppValidator.forRegistration(draft))).containsExactly("appId");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ab", "abcdefghijklmnopqrstuvwxyz0123456", "tok-en", "tok en", "令牌令牌" })
	void rejectsATokenThatIsNotThreeToThirtyTwoLettersOrDigits(String token) {
		AppDraft draft = new AppDraft("wx0123456789abcdef", "n", "s", token, AES_KEY, null, null, null);

		assertThat(fields(AppValidator.forRegistration(draft))).containsExactly("token");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH",
					"abcdefghijklmnopqrstuvwxyz0123456789ABCDEF=", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF+" })
	void rejectsAnEncodingAesKeyThatIsNotFortyThreeLettersOrDigits(String key) {
		AppDraft draft = new AppDraft("wx0123456789abcdef", "n", "s", "tok", key, key, null, null);

		assertThat(fields(AppValidator.forRegistration(draft))).containsExactly("encodingAesKey",
				"previousEncodingAesKey");
	}

	@Test
	void rejectsANameOfOnlySpacesAndAnUnknownTimeZone() {
		AppDraft draft = new AppDraft("wx0123456789abcdef", "   ", "s", "tok", AES_KEY, null, null, "Mars/Base");

		assertThat(fields(AppValidator.forRegistration(draft))).containsExactly("name", "timeZone");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PLAINTEXT", "COMPATIBLE", "SAFE", "safe", " Compatible ", "" })
	void acceptsEachPushModeInAnyCaseOrEmptyForNone(String pushMode) {
		AppDraft draft = new AppDraft("wx0123456789abcdef", "n", "s", "tok", AES_KEY, null, null, null, pushMode);

		assertThat(AppValidator.forRegistration(draft)).isEmpty();
		assertThat(AppValidator.forUpdate("wx0123456789abcdef", draft)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "AES", "encrypted", "SAFE_MODE", "明文" })
	void rejectsAPushModeThatIsNoneOfWeChats(String pushMode) {
		AppDraft draft = new AppDraft("wx0123456789abcdef", "n", "s", "tok", AES_KEY, null, null, null, pushMode);

		assertThat(fields(AppValidator.forRegistration(draft))).containsExactly("pushMode");
	}

	@Test
	void acceptsAnUpdateThatChangesNothing() {
		AppDraft nothing = new AppDraft(null, null, null, null, null, null, null, null);

		assertThat(AppValidator.forUpdate("wx0123456789abcdef", nothing)).isEmpty();
	}

	@Test
	void acceptsAnEmptyPreviousKeyOnUpdateToRemoveIt() {
		AppDraft clear = new AppDraft(null, null, null, null, null, "", null, null);

		assertThat(AppValidator.forUpdate("wx0123456789abcdef", clear)).isEmpty();
	}

	@Test
	void rejectsAnUpdateThatChangesTheAppId() {
		assertThat(fields(AppValidator.forUpdate("wxffffffffffffffff", draft()))).containsExactly("appId");
	}

	@Test
	void rejectsAnEmptyTokenOnUpdate() {
		AppDraft draft = new AppDraft(null, null, "", "", "", null, null, null);

		assertThat(fields(AppValidator.forUpdate("wx0123456789abcdef", draft))).containsExactly("secret", "token",
				"encodingAesKey");
	}

	@Test
	void neverRepeatsTheRejectedValue() {
		AppDraft draft = new AppDraft("wxSECRETVALUE", "n", "bad secret", "TOKEN-VALUE", "AESKEYVALUE", null, null,
				null);

		assertThat(AppValidator.forRegistration(draft)).hasSize(4)
			.allSatisfy((field) -> assertThat(field.reason()).doesNotContain("SECRETVALUE", "bad secret", "TOKEN-VALUE",
					"AESKEYVALUE"));
	}

	private static List<String> fields(List<InvalidField> invalid) {
		return invalid.stream().map(InvalidField::field).toList();
	}

}
