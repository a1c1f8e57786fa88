package dev.kefu.wechat.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC straight from {@code javax.crypto}, independent of {@link PushCipher}:
 * builds deliberately broken plaintext blocks and opens ciphertexts to inspect them.
 */
final class RawAes {

	private final byte[] key;

	RawAes(String encodingAesKey) {
		this.key = Base64.getDecoder().decode(encodingAesKey + "=");
	}

	String encrypt(byte[] block) {
		return Base64.getEncoder().encodeToString(run(Cipher.ENCRYPT_MODE, block));
	}

	byte[] decrypt(String encrypt) {
		return run(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(encrypt));
	}

	/**
	 * random(16) || be32(lengthField) || message || appId, followed by {@code padding} as
	 * given.
	 */
	static byte[] block(int lengthField, String message, String appId, byte... padding) {
		byte[] msg = message.getBytes(StandardCharsets.UTF_8);
		byte[] app = appId.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(20 + msg.length + app.length + padding.length)
			.put("0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
			.putInt(lengthField)
			.put(msg)
			.put(app)
			.put(padding)
			.array();
	}

	static byte[] repeat(int count, int value) {
		byte[] bytes = new byte[count];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	private byte[] run(int mode, byte[] data) {
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(mode, new SecretKeySpec(this.key, "AES"), new IvParameterSpec(this.key, 0, 16));
			return cipher.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
