package dev.kefu.wechat.push;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.kefu.wechat.push.PushRejectedException.Reason;

/**
 * The AES envelope of encrypted pushes and replies (compatible and safe modes) for one
 * mini program: its app id and its current and optional previous EncodingAESKey.
 * <p>
 * Wire format:
 * {@code Encrypt = Base64(AES-256-CBC(random(16) || be32(len) || msg || appId || pad))}
 * with AESKey the 32 bytes of EncodingAESKey Base64-decoded (its one padding character
 * added), IV = the first 16 key bytes, {@code len} the UTF-8 byte length of {@code msg},
 * and PKCS#7 padding over 32-byte blocks (1 to 32 bytes, never none).
 * <p>
 * Instances are immutable and thread-safe; each thread reuses its own {@code Cipher}, and
 * key specs are prepared once. {@link #toString()} never shows key material.
 *
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html">Message
 * push guide (encryption)</a>
 * @see <a href=
 * "https://developers.weixin.qq.com/doc/oplatform/en/Third-party_Platforms/Message_Encryption/Technical_Plan.html">Message
 * encryption technical plan</a>
 */
public final class PushCipher {

	private static final int BLOCK = 32;

	private static final int HEADER = 20;

	/** The characters of the random prefix, as in the official samples. */
	static final byte[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.getBytes(StandardCharsets.US_ASCII);

	private final String appId;

	private final byte[] appIdBytes;

	private final AesCbc.Key currentKey;

	private final AesCbc.Key previousKey;

	/**
	 * @param appId the mini program's AppID, which every message carries at its end
	 * @param encodingAesKey the current EncodingAESKey: 43 characters of
	 * {@code [A-Za-z0-9]}
	 * @param previousEncodingAesKey the key before the last rotation, tried when the
	 * current one fails; {@code null} or empty when there is none
	 * @throws IllegalArgumentException if a key is not a valid EncodingAESKey (the
	 * message does not contain the key)
	 */
	public PushCipher(String appId, String encodingAesKey, String previousEncodingAesKey) {
		this.appId = Objects.requireNonNull(appId, "appId");
		this.appIdBytes = appId.getBytes(StandardCharsets.UTF_8);
		this.currentKey = AesCbc.Key.of(Objects.requireNonNull(encodingAesKey, "encodingAesKey"), "encodingAesKey");
		this.previousKey = (previousEncodingAesKey == null || previousEncodingAesKey.isEmpty()) ? null
				: AesCbc.Key.of(previousEncodingAesKey, "previousEncodingAesKey");
	}

	/** The app id this cipher writes and requires at the end of every message. */
	public String appId() {
		return this.appId;
	}

	/** Whether a previous key is configured for decryption after a rotation. */
	public boolean hasPreviousKey() {
		return this.previousKey != null;
	}

	/**
	 * Encrypts with the current key.
	 * @param plaintext the message (XML or JSON text), not {@code null}
	 * @param random the source of the 16 random leading characters
	 * @return the Base64 value for {@code Encrypt}
	 */
	public String encrypt(String plaintext, RandomGenerator random) {
		return encrypt(plaintext, random, false);
	}

	/**
	 * Encrypts with the current key, or with the previous one to answer a push that was
	 * only readable with it (the rotation advice of WeChat's encryption FAQ).
	 * @param plaintext the message, not {@code null}
	 * @param random the source of the 16 random leading characters
	 * @param withPreviousKey use the previous key; requires {@link #hasPreviousKey()}
	 * @return the Base64 value for {@code Encrypt}
	 * @throws IllegalStateException if the previous key is asked for but there is none
	 */
	public String encrypt(String plaintext, RandomGenerator random, boolean withPreviousKey) {
		AesCbc.Key key = withPreviousKey ? this.previousKey : this.currentKey;
		if (key == null) {
			throw new IllegalStateException("no previous EncodingAESKey configured for app " + this.appId);
		}
		byte[] message = plaintext.getBytes(StandardCharsets.UTF_8);
		int length = HEADER + message.length + this.appIdBytes.length;
		int padding = BLOCK - (length % BLOCK);
		byte[] block = new byte[length + padding];
		for (int i = 0; i < 16; i++) {
			block[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
		}
		block[16] = (byte) (message.length >>> 24);
		block[17] = (byte) (message.length >>> 16);
		block[18] = (byte) (message.length >>> 8);
		block[19] = (byte) message.length;
		System.arraycopy(message, 0, block, HEADER, message.length);
		System.arraycopy(this.appIdBytes, 0, block, HEADER + message.length, this.appIdBytes.length);
		for (int i = length; i < block.length; i++) {
			block[i] = (byte) padding;
		}
		AesCbc.encrypt(key, block);
		return Base64.getEncoder().encodeToString(block);
	}

	/**
	 * Decrypts an {@code Encrypt} value with the current key and, if that fails, the
	 * previous one. Verify {@code msg_signature} before calling this.
	 * @param encrypt the Base64 ciphertext from the body
	 * @return the message text and which key opened it
	 * @throws PushRejectedException with {@link Reason#MISSING_PARAMETER} ({@code null}),
	 * {@link Reason#BAD_BASE64}, {@link Reason#BAD_CIPHERTEXT_LENGTH} (empty or not a
	 * multiple of 32 bytes), or, when no key opens it, the reason of the key that got
	 * furthest: {@link Reason#BAD_PADDING} &lt; {@link Reason#BAD_MESSAGE_LENGTH} &lt;
	 * {@link Reason#APP_ID_MISMATCH}
	 */
	public Decrypted decrypt(String encrypt) throws PushRejectedException {
		if (encrypt == null) {
			throw new PushRejectedException(Reason.MISSING_PARAMETER, "Encrypt is missing");
		}
		byte[] ciphertext;
		try {
			ciphertext = Base64.getDecoder().decode(encrypt);
		}
		catch (IllegalArgumentException ex) {
			throw new PushRejectedException(Reason.BAD_BASE64, "Encrypt is not valid Base64");
		}
		if (ciphertext.length == 0 || ciphertext.length % BLOCK != 0) {
			throw new PushRejectedException(Reason.BAD_CIPHERTEXT_LENGTH,
					"ciphertext of " + ciphertext.length + " bytes is not a positive multiple of " + BLOCK);
		}
		try {
			return new Decrypted(open(this.currentKey, ciphertext), false);
		}
		catch (PushRejectedException withCurrent) {
			if (this.previousKey == null) {
				throw withCurrent;
			}
			try {
				return new Decrypted(open(this.previousKey, ciphertext), true);
			}
			catch (PushRejectedException withPrevious) {
				throw (progress(withPrevious.reason()) > progress(withCurrent.reason())) ? withPrevious : withCurrent;
			}
		}
	}

	private String open(AesCbc.Key key, byte[] ciphertext) throws PushRejectedException {
		byte[] plain = ciphertext.clone();
		AesCbc.decrypt(key, plain);
		int padding = plain[plain.length - 1] & 0xFF;
		if (padding < 1 || padding > BLOCK) {
			throw new PushRejectedException(Reason.BAD_PADDING, "padding byte out of range 1..32");
		}
		int end = plain.length - padding;
		for (int i = end; i < plain.length - 1; i++) {
			if (plain[i] != (byte) padding) {
				throw new PushRejectedException(Reason.BAD_PADDING, "padding bytes differ");
			}
		}
		if (end < HEADER) {
			throw new PushRejectedException(Reason.BAD_MESSAGE_LENGTH, "no room for the message length field");
		}
		long length = ((plain[16] & 0xFFL) << 24) | ((plain[17] & 0xFF) << 16) | ((plain[18] & 0xFF) << 8)
				| (plain[19] & 0xFF);
		if (length > end - HEADER) {
			throw new PushRejectedException(Reason.BAD_MESSAGE_LENGTH, "message length field out of range");
		}
		int appIdStart = HEADER + (int) length;
		if (!equals(plain, appIdStart, end, this.appIdBytes)) {
			throw new PushRejectedException(Reason.APP_ID_MISMATCH, "message is not for app " + this.appId);
		}
		return new String(plain, HEADER, (int) length, StandardCharsets.UTF_8);
	}

	private static boolean equals(byte[] bytes, int from, int to, byte[] expected) {
		if (to - from != expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (bytes[from + i] != expected[i]) {
				return false;
			}
		}
		return true;
	}

	private static int progress(Reason reason) {
		return switch (reason) {
			case BAD_PADDING -> 1;
			case BAD_MESSAGE_LENGTH -> 2;
			case APP_ID_MISMATCH -> 3;
			default -> 0;
		};
	}

	@Override
	public String toString() {
		return "PushCipher[appId=" + this.appId + ", previousKey=" + hasPreviousKey() + "]";
	}

	/**
	 * A decrypted message.
	 *
	 * @param plaintext the message text (XML or JSON)
	 * @param withPreviousKey whether only the previous key opened it; answer with that
	 * key
	 */
	public record Decrypted(String plaintext, boolean withPreviousKey) {

		public Decrypted {
			Objects.requireNonNull(plaintext, "plaintext");
		}

		@Override
		public String toString() {
			// the plaintext is a whole message body and must not end up in logs
			return "Decrypted[" + this.plaintext.length() + " chars, withPreviousKey=" + this.withPreviousKey + "]";
		}

	}

}
