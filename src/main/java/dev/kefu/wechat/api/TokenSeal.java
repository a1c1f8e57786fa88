package dev.kefu.wechat.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals access tokens for the token store (the {@code wechat_token} table, or Redis):
 * AES-256-GCM, stored as {@code s1:} and base64 of nonce, ciphertext and tag, bound to
 * the app id. The key is derived from the app's AppSecret (HMAC-SHA256), which is itself
 * sealed at rest with {@code kefu.secrets.key}: a copy of the database alone reveals
 * neither, and whoever has the AppSecret could fetch a token anyway. This keeps the
 * module free of the apps module's key.
 * <p>
 * The nonce is derived from the token (an HMAC under a second key), so one token always
 * seals to the same text: the store's compare-and-expire can then compare sealed values.
 * That reveals only whether two stored tokens are equal, and tokens are random and never
 * reused.
 * <p>
 * A stored value without the prefix is a token stored before sealing, read as is until
 * the next refresh replaces it. A sealed value that does not open (the AppSecret changed)
 * reads as no token, so a new one is fetched.
 */
final class TokenSeal {

	static final String PREFIX = "s1:";

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private TokenSeal() {
	}

	static String seal(AppCredentials app, String token) {
		try {
			byte[] plaintext = token.getBytes(StandardCharsets.UTF_8);
			byte[] nonce = Arrays.copyOf(hmac(derive(app, "nonce"), plaintext), NONCE_LENGTH);
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, app, nonce);
			byte[] sealed = cipher.doFinal(plaintext);
			return PREFIX + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(NONCE_LENGTH + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM or HmacSHA256 is not available", ex);
		}
	}

	/**
	 * The token in {@code stored}; empty if it was sealed under another AppSecret or is
	 * damaged.
	 */
	static Optional<String> open(AppCredentials app, String stored) {
		if (!stored.startsWith(PREFIX)) {
			return Optional.of(stored);
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
			if (bytes.length < NONCE_LENGTH + TAG_BITS / 8) {
				return Optional.empty();
			}
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, app, Arrays.copyOf(bytes, NONCE_LENGTH));
			byte[] plaintext = cipher.doFinal(bytes, NONCE_LENGTH, bytes.length - NONCE_LENGTH);
			return Optional.of(new String(plaintext, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			return Optional.empty();
		}
	}

	private static Cipher cipher(int mode, AppCredentials app, byte[] nonce) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(derive(app, "key"), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(app.appId().getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	private static byte[] derive(AppCredentials app, String purpose) throws GeneralSecurityException {
		return hmac(app.secret().getBytes(StandardCharsets.UTF_8),
				("kefu wechat_token " + purpose + " v1").getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(data);
	}

}
