package dev.kefu.wechat.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kefu.wechat.push.PushRejectedException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AES envelope against known-answer vectors with a non-zero key (computed with
 * openssl, see {@code aes-vectors.properties}), and every way decryption can fail, each
 * with its own reason.
 */
class PushCipherTests {

	private final Properties vectors = Samples.properties("aes-vectors.properties");

	private final String key = this.vectors.getProperty("encodingAesKey");

	private final String previousKey = this.vectors.getProperty("previousEncodingAesKey");

	private final String appId = this.vectors.getProperty("appId");

	private final PushCipher cipher = new PushCipher(this.appId, this.key, null);

	@ParameterizedTest
	@ValueSource(strings = { "padOne", "padThirtyTwo", "utf8" })
	void decryptsKnownAnswerVectors(String name) throws Exception {
		PushCipher.Decrypted decrypted = this.cipher.decrypt(vector(name, "encrypt"));

		assertThat(decrypted.plaintext()).isEqualTo(vector(name, "plaintext"));
		assertThat(decrypted.withPreviousKey()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "padOne", "padThirtyTwo", "utf8" })
	void encryptsKnownAnswerVectorsByteForByte(String name) {
		String encrypt = this.cipher.encrypt(vector(name, "plaintext"), new FixedPrefixRandom(vector(name, "random")));

		assertThat(encrypt).isEqualTo(vector(name, "encrypt"));
	}

	@Test
	void padsWithOneByteWhenOneIsMissing() {
		byte[] block = new RawAes(this.key).decrypt(this.cipher.encrypt(vector("padOne", "plaintext"), seeded()));

		assertThat(block.length % 32).isZero();
		assertThat(block[block.length - 1]).isEqualTo((byte) 1);
		assertThat(block[block.length - 2]).isNotEqualTo((byte) 1);
	}

	@Test
	void padsAWholeBlockOfThirtyTwoWhenAligned() {
		byte[] block = new RawAes(this.key).decrypt(this.cipher.encrypt(vector("padThirtyTwo", "plaintext"), seeded()));

		assertThat(block).endsWith(RawAes.repeat(32, 32));
		assertThat(block).hasSize(20 + 58 + this.appId.length() + 32);
	}

	@Test
	void countsTheMessageLengthInUtf8Bytes() throws Exception {
		String message = "客服 😀👍🏽 ok";
		byte[] block = new RawAes(this.key).decrypt(this.cipher.encrypt(message, seeded()));

		int lengthField = ByteBuffer.wrap(block, 16, 4).getInt();
		assertThat(lengthField).isEqualTo(message.getBytes(StandardCharsets.UTF_8).length)
			.isNotEqualTo(message.length());
		assertThat(this.cipher.decrypt(this.cipher.encrypt(message, seeded())).plaintext()).isEqualTo(message);
	}

	@Test
	void roundTripsAnEmptyMessage() throws Exception {
		assertThat(this.cipher.decrypt(this.cipher.encrypt("", seeded())).plaintext()).isEmpty();
	}

	@Test
	void rejectsCiphertextOfAnotherKey() {
		PushCipher other = new PushCipher(this.appId, this.previousKey, null);

		assertRejected(() -> other.decrypt(vector("utf8", "encrypt")), Reason.BAD_PADDING);
	}

	@Test
	void rejectsMessageForAnotherAppId() {
		PushCipher other = new PushCipher("wx0000000000000000", this.key, null);

		assertRejected(() -> other.decrypt(vector("padOne", "encrypt")), Reason.APP_ID_MISMATCH);
	}

	@Test
	void rejectsAppIdThatOnlyStartsLikeOurs() {
		String encrypt = new RawAes(this.key).encrypt(RawAes.block(2, "{}", this.appId + "x", RawAes
			.repeat(32 - (20 + 2 + this.appId.length() + 1) % 32, 32 - (20 + 2 + this.appId.length() + 1) % 32)));

		assertRejected(() -> this.cipher.decrypt(encrypt), Reason.APP_ID_MISMATCH);
	}

	@Test
	void rejectsTruncatedCiphertext() {
		byte[] ciphertext = Base64.getDecoder().decode(vector("padOne", "encrypt"));
		Base64.Encoder base64 = Base64.getEncoder();

		assertRejected(() -> this.cipher.decrypt(base64.encodeToString(Arrays.copyOf(ciphertext, 80))),
				Reason.BAD_CIPHERTEXT_LENGTH);
		// cut on a block boundary the last byte is message text, not padding
		assertRejected(() -> this.cipher.decrypt(base64.encodeToString(Arrays.copyOf(ciphertext, 64))),
				Reason.BAD_PADDING);
		assertRejected(() -> this.cipher.decrypt(""), Reason.BAD_CIPHERTEXT_LENGTH);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not*base64", "ab=c", "a", "€€€€" })
	void rejectsBadBase64(String encrypt) {
		assertRejected(() -> this.cipher.decrypt(encrypt), Reason.BAD_BASE64);
	}

	@Test
	void rejectsMissingEncrypt() {
		assertRejected(() -> this.cipher.decrypt(null), Reason.MISSING_PARAMETER);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 33, 255 })
	void rejectsPaddingByteOutOfRange(int last) {
		byte[] block = RawAes.block(2, "{}", this.appId, RawAes.repeat(24, 24));
		block[block.length - 1] = (byte) last;
		String encrypt = new RawAes(this.key).encrypt(block);

		assertRejected(() -> this.cipher.decrypt(encrypt), Reason.BAD_PADDING);
	}

	@Test
	void rejectsPaddingBytesThatDisagree() {
		byte[] block = RawAes.block(2, "{}", this.appId, RawAes.repeat(24, 24));
		block[block.length - 5] = 7;
		String encrypt = new RawAes(this.key).encrypt(block);

		assertRejected(() -> this.cipher.decrypt(encrypt), Reason.BAD_PADDING);
	}

	@ParameterizedTest
	@ValueSource(ints = { 21, 100_000, Integer.MAX_VALUE, -1 })
	void rejectsMessageLengthFieldOutOfRange(int lengthField) {
		String encrypt = new RawAes(this.key)
			.encrypt(RawAes.block(lengthField, "{}", this.appId, RawAes.repeat(24, 24)));

		assertRejected(() -> this.cipher.decrypt(encrypt), Reason.BAD_MESSAGE_LENGTH);
	}

	@Test
	void acceptsHandBuiltBlockWithCorrectLengthField() throws Exception {
		String encrypt = new RawAes(this.key).encrypt(RawAes.block(2, "{}", this.appId, RawAes.repeat(24, 24)));

		assertThat(this.cipher.decrypt(encrypt).plaintext()).isEqualTo("{}");
	}

	@Test
	void fallsBackToThePreviousKeyAfterRotation() throws Exception {
		PushCipher rotated = new PushCipher(this.appId, this.key, this.previousKey);

		PushCipher.Decrypted old = rotated.decrypt(this.vectors.getProperty("previousKey.encrypt"));
		PushCipher.Decrypted current = rotated.decrypt(vector("padOne", "encrypt"));

		assertThat(old.plaintext()).isEqualTo(vector("padOne", "plaintext"));
		assertThat(old.withPreviousKey()).isTrue();
		assertThat(current.plaintext()).isEqualTo(vector("padOne", "plaintext"));
		assertThat(current.withPreviousKey()).isFalse();
	}

	@Test
	void rejectsCiphertextOfThePreviousKeyWhenNoneIsConfigured() {
		assertRejected(() -> this.cipher.decrypt(this.vectors.getProperty("previousKey.encrypt")), Reason.BAD_PADDING);
	}

	@Test
	void reportsTheFurthestFailureWhenNeitherKeyOpens() {
		PushCipher rotated = new PushCipher("wx0000000000000000", this.key, this.previousKey);

		// the previous key opens it but the app id is wrong: that, not the current key's
		// padding, is the reason
		assertRejected(() -> rotated.decrypt(this.vectors.getProperty("previousKey.encrypt")), Reason.APP_ID_MISMATCH);
	}

	@Test
	void encryptsWithThePreviousKeyOnRequest() {
		PushCipher rotated = new PushCipher(this.appId, this.key, this.previousKey);

		String encrypt = rotated.encrypt(vector("padOne", "plaintext"),
				new FixedPrefixRandom(vector("padOne", "random")), true);

		assertThat(encrypt).isEqualTo(this.vectors.getProperty("previousKey.encrypt"));
		assertThatIllegalStateException().isThrownBy(() -> this.cipher.encrypt("x", seeded(), true));
	}

	@Test
	void writesAnAlphanumericRandomPrefix() {
		byte[] block = new RawAes(this.key).decrypt(this.cipher.encrypt("x", seeded()));

		assertThat(new String(block, 0, 16, StandardCharsets.US_ASCII)).matches("[A-Za-z0-9]{16}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "short", "aniviTLvURfcbe3POomrP8lGqMHInmLXa33SyNViLS",
			"aniviTLvURfcbe3POomrP8lGqMHInmLXa33SyNViLS+", "aniviTLvURfcbe3POomrP8lGqMHInmLXa33SyNViLSYY" })
	void refusesInvalidEncodingAesKeyWithoutQuotingIt(String invalid) {
		assertThatIllegalArgumentException().isThrownBy(() -> new PushCipher(this.appId, invalid, null))
			.withMessage("encodingAesKey must be 43 characters of [A-Za-z0-9]");
	}

	@Test
	void refusesInvalidPreviousKeyAndTreatsEmptyAsNone() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PushCipher(this.appId, this.key, "short"))
			.withMessage("previousEncodingAesKey must be 43 characters of [A-Za-z0-9]");
		assertThat(new PushCipher(this.appId, this.key, "").hasPreviousKey()).isFalse();
	}

	@Test
	void neverShowsKeysOrPlaintextInToString() throws Exception {
		PushCipher rotated = new PushCipher(this.appId, this.key, this.previousKey);

		assertThat(rotated.toString()).doesNotContain(this.key).doesNotContain(this.previousKey).contains(this.appId);
		assertThat(rotated.decrypt(vector("padOne", "encrypt")).toString()).doesNotContain("pad one");
	}

	private String vector(String name, String field) {
		return this.vectors.getProperty(name + "." + field);
	}

	private static SplittableRandom seeded() {
		return new SplittableRandom(42);
	}

	static void assertRejected(ThrowingRunnable call, Reason reason) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(PushRejectedException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Exception;

	}

}
