package dev.kefu.wechat.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.kefu.wechat.push.PushRejectedException.Reason;

/**
 * The SHA-1 signatures WeChat puts on pushes: {@code signature} over token, timestamp and
 * nonce (URL verification and every POST), and {@code msg_signature} /
 * {@code MsgSignature} over token, timestamp, nonce and {@code Encrypt} (encrypted pushes
 * and replies).
 * <p>
 * Algorithm: sort the parts in plain {@link String} order (UTF-16 code units, not a
 * locale collator), concatenate them, SHA-1 over the UTF-8 bytes, lowercase hex (40
 * characters). Verification compares in constant time. All methods are static and
 * thread-safe; each thread reuses its own {@link MessageDigest}.
 *
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html">Message
 * push guide (signature and msg_signature)</a>
 */
public final class PushSignature {

	/**
	 * The start of the {@code nonce} of the URL checks kefu signs itself (WeChat's nonces
	 * are digits). The GET check and a plaintext push carry the same signature over
	 * token, timestamp and nonce, so a receiver refuses a push whose nonce starts with
	 * this: the signature a URL check handed to a typed-in server cannot be replayed as a
	 * push.
	 */
	public static final String CHECK_NONCE_PREFIX = "kefucheck";

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required on every Java platform", ex);
		}
	});

	private PushSignature() {
	}

	/**
	 * Signs the parts: sort, concatenate, SHA-1, lowercase hex.
	 * @param parts the token, timestamp, nonce (and {@code Encrypt} for msg_signature),
	 * none {@code null}
	 * @return 40 lowercase hex characters
	 * @throws NullPointerException if a part is {@code null}
	 */
	public static String sign(String... parts) {
		return new String(hex(parts), StandardCharsets.US_ASCII);
	}

	/**
	 * Checks a received signature in constant time (the time does not depend on where the
	 * first difference is).
	 * @param expectedSignature the received signature; {@code null} never matches
	 * @param parts the parts as for {@link #sign(String...)}
	 * @return whether {@code expectedSignature} is exactly the lowercase hex signature
	 * @throws NullPointerException if a part is {@code null}
	 */
	public static boolean verify(String expectedSignature, String... parts) {
		byte[] actual = hex(parts);
		if (expectedSignature == null) {
			return false;
		}
		return MessageDigest.isEqual(expectedSignature.getBytes(StandardCharsets.ISO_8859_1), actual);
	}

	/**
	 * Checks the {@code signature} of a URL verification or a plaintext-mode push.
	 * @param signature the {@code signature} query parameter
	 * @param token the app's token
	 * @param timestamp the {@code timestamp} query parameter
	 * @param nonce the {@code nonce} query parameter
	 * @throws PushRejectedException {@link Reason#MISSING_PARAMETER} if a parameter is
	 * {@code null}, {@link Reason#BAD_SIGNATURE} if the signature does not match
	 */
	public static void checkSignature(String signature, String token, String timestamp, String nonce)
			throws PushRejectedException {
		requirePresent(signature, "signature");
		requirePresent(timestamp, "timestamp");
		requirePresent(nonce, "nonce");
		if (!verify(signature, token, timestamp, nonce)) {
			throw new PushRejectedException(Reason.BAD_SIGNATURE, "signature does not match");
		}
	}

	/**
	 * Checks the {@code msg_signature} of an encrypted push (compatible or safe mode).
	 * @param msgSignature the {@code msg_signature} query parameter
	 * @param token the app's token
	 * @param timestamp the {@code timestamp} query parameter
	 * @param nonce the {@code nonce} query parameter
	 * @param encrypt the body's {@code Encrypt} value
	 * @throws PushRejectedException {@link Reason#MISSING_PARAMETER} if a parameter or
	 * {@code Encrypt} is {@code null}, {@link Reason#BAD_MSG_SIGNATURE} if the signature
	 * does not match
	 */
	public static void checkMsgSignature(String msgSignature, String token, String timestamp, String nonce,
			String encrypt) throws PushRejectedException {
		requirePresent(msgSignature, "msg_signature");
		requirePresent(timestamp, "timestamp");
		requirePresent(nonce, "nonce");
		requirePresent(encrypt, "Encrypt");
		if (!verify(msgSignature, token, timestamp, nonce, encrypt)) {
			throw new PushRejectedException(Reason.BAD_MSG_SIGNATURE, "msg_signature does not match");
		}
	}

	private static void requirePresent(String value, String name) throws PushRejectedException {
		if (value == null) {
			throw new PushRejectedException(Reason.MISSING_PARAMETER, name + " is missing");
		}
	}

	/**
	 * Checks that a push's {@code timestamp} is a number of unix seconds within
	 * {@code maxSkew} of {@code now}. WeChat specifies no window; retries reuse the
	 * original timestamp, so keep the skew generous (minutes).
	 * @param timestamp the {@code timestamp} query parameter
	 * @param now the current time, from the caller's {@link java.time.Clock}
	 * @param maxSkew the largest accepted difference either way; zero or negative turns
	 * the check off
	 * @throws PushRejectedException {@link Reason#MISSING_PARAMETER} if {@code timestamp}
	 * is {@code null} or empty, {@link Reason#STALE_TIMESTAMP} if it is not a number or
	 * too far off
	 */
	public static void checkTimestamp(String timestamp, Instant now, Duration maxSkew) throws PushRejectedException {
		if (timestamp == null || timestamp.isEmpty()) {
			throw new PushRejectedException(Reason.MISSING_PARAMETER, "timestamp is missing");
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			throw new PushRejectedException(Reason.STALE_TIMESTAMP, "timestamp is not a number");
		}
		if (maxSkew.isNegative() || maxSkew.isZero()) {
			return;
		}
		long nowSeconds = now.getEpochSecond();
		long skew = maxSkew.toSeconds();
		// compared without subtracting so that absurd timestamps cannot overflow into the
		// window
		if (seconds < nowSeconds - skew || seconds > nowSeconds + skew) {
			throw new PushRejectedException(Reason.STALE_TIMESTAMP, "timestamp is off by more than " + maxSkew);
		}
	}

	/** A sorted copy; insertion sort, as there are only three or four parts. */
	private static String[] sort(String[] parts) {
		String[] sorted = new String[parts.length];
		for (int i = 0; i < parts.length; i++) {
			String part = Objects.requireNonNull(parts[i], "signature part");
			int j = i;
			while (j > 0 && sorted[j - 1].compareTo(part) > 0) {
				sorted[j] = sorted[j - 1];
				j--;
			}
			sorted[j] = part;
		}
		return sorted;
	}

	private static byte[] hex(String[] parts) {
		String[] sorted = sort(parts);
		MessageDigest sha1 = SHA1.get();
		for (String part : sorted) {
			sha1.update(part.getBytes(StandardCharsets.UTF_8));
		}
		byte[] digest = sha1.digest();
		byte[] hex = new byte[digest.length * 2];
		for (int i = 0; i < digest.length; i++) {
			hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
			hex[2 * i + 1] = HEX[digest[i] & 0xF];
		}
		return hex;
	}

}
