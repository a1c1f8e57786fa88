package dev.kefu.wechat.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import dev.kefu.wechat.push.PushRejectedException.Reason;

import static dev.kefu.wechat.push.PushCipherTests.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PushSignatureTests {

	private static final String ENCRYPT = "+qdx1OKCy+5JPCBFWw70tm0fJGb2";

	@Test
	void sortsPartsInPlainStringOrderBeforeHashing() throws Exception {
		// '+' < digits < upper case < lower case; a locale collator would order these
		// differently
		String expected = sha1Hex("+b" + "10" + "Zeta" + "alpha");

		assertThat(PushSignature.sign("alpha", "Zeta", "10", "+b")).isEqualTo(expected);
		assertThat(PushSignature.sign("10", "+b", "alpha", "Zeta")).isEqualTo(expected);
	}

	@Test
	void hashesTheUtf8BytesOfEveryPart() throws Exception {
		assertThat(PushSignature.sign("令牌", "1714112445")).isEqualTo(sha1Hex("1714112445令牌"));
	}

	@Test
	void producesFortyLowercaseHexCharacters() {
		assertThat(PushSignature.sign("AAAAA", "1714036504", "1514711492")).matches("[0-9a-f]{40}");
	}

	@Test
	void verifiesOnlyTheExactSignature() {
		String good = PushSignature.sign("AAAAA", "1714112445", "415670741");

		assertThat(PushSignature.verify(good, "AAAAA", "1714112445", "415670741")).isTrue();
		assertThat(PushSignature.verify(good, "AAAAA", "1714112446", "415670741")).isFalse();
		assertThat(PushSignature.verify(good.substring(1), "AAAAA", "1714112445", "415670741")).isFalse();
		assertThat(PushSignature.verify(good.toUpperCase(), "AAAAA", "1714112445", "415670741")).isFalse();
		assertThat(PushSignature.verify(null, "AAAAA", "1714112445", "415670741")).isFalse();
	}

	@Test
	void rejectsWrongSignatureWithItsReason() {
		String good = PushSignature.sign("AAAAA", "1714037059", "486452656");

		assertThatNoException()
			.isThrownBy(() -> PushSignature.checkSignature(good, "AAAAA", "1714037059", "486452656"));
		assertRejected(() -> PushSignature.checkSignature(good, "BBBBB", "1714037059", "486452656"),
				Reason.BAD_SIGNATURE);
		assertRejected(() -> PushSignature.checkSignature(null, "AAAAA", "1714037059", "486452656"),
				Reason.MISSING_PARAMETER);
		assertRejected(() -> PushSignature.checkSignature(good, "AAAAA", "1714037059", null), Reason.MISSING_PARAMETER);
	}

	@Test
	void rejectsWrongMsgSignatureWithItsReason() {
		String good = PushSignature.sign("AAAAA", "1714112445", "415670741", ENCRYPT);
		String tampered = good.substring(0, 39) + (good.charAt(39) == '0' ? '1' : '0');

		assertThatNoException()
			.isThrownBy(() -> PushSignature.checkMsgSignature(good, "AAAAA", "1714112445", "415670741", ENCRYPT));
		assertRejected(() -> PushSignature.checkMsgSignature(tampered, "AAAAA", "1714112445", "415670741", ENCRYPT),
				Reason.BAD_MSG_SIGNATURE);
		assertRejected(() -> PushSignature.checkMsgSignature(good, "AAAAA", "1714112445", "415670741", ENCRYPT + "x"),
				Reason.BAD_MSG_SIGNATURE);
		// the plain signature (without Encrypt) is not a msg_signature
		assertRejected(() -> PushSignature.checkMsgSignature(PushSignature.sign("AAAAA", "1714112445", "415670741"),
				"AAAAA", "1714112445", "415670741", ENCRYPT), Reason.BAD_MSG_SIGNATURE);
		assertRejected(() -> PushSignature.checkMsgSignature(good, "AAAAA", "1714112445", "415670741", null),
				Reason.MISSING_PARAMETER);
	}

	@Test
	void acceptsTimestampWithinSkew() {
		Instant now = Instant.ofEpochSecond(1714112445);

		assertThatNoException()
			.isThrownBy(() -> PushSignature.checkTimestamp("1714112145", now, Duration.ofMinutes(5)));
		assertThatNoException()
			.isThrownBy(() -> PushSignature.checkTimestamp("1714112745", now, Duration.ofMinutes(5)));
	}

	@Test
	void rejectsStaleTimestamp() {
		Instant now = Instant.ofEpochSecond(1714112445);

		assertRejected(() -> PushSignature.checkTimestamp("1714112144", now, Duration.ofMinutes(5)),
				Reason.STALE_TIMESTAMP);
		assertRejected(() -> PushSignature.checkTimestamp("1714112746", now, Duration.ofMinutes(5)),
				Reason.STALE_TIMESTAMP);
		assertRejected(() -> PushSignature.checkTimestamp("-9223372036854775808", now, Duration.ofMinutes(5)),
				Reason.STALE_TIMESTAMP);
		assertRejected(() -> PushSignature.checkTimestamp("soon", now, Duration.ofMinutes(5)), Reason.STALE_TIMESTAMP);
		assertRejected(() -> PushSignature.checkTimestamp(null, now, Duration.ofMinutes(5)), Reason.MISSING_PARAMETER);
	}

	@Test
	void zeroSkewTurnsTheTimestampCheckOff() {
		assertThatNoException()
			.isThrownBy(() -> PushSignature.checkTimestamp("1", Instant.ofEpochSecond(1714112445), Duration.ZERO));
	}

	private static String sha1Hex(String joined) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-1").digest(joined.getBytes(StandardCharsets.UTF_8)));
	}

}
