package dev.kefu.wechat.push;

import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC without padding, in place, with the IV WeChat uses (the first 16 key
 * bytes).
 * <p>
 * {@link Cipher#getInstance} is slow, so each thread keeps one {@code AES/CBC/NoPadding}
 * cipher and re-initialises it only when the key or the direction changes: after
 * {@code doFinal} a CBC cipher returns to its initial IV, which is fixed here anyway.
 */
final class AesCbc {

	private static final ThreadLocal<AesCbc> PER_THREAD = ThreadLocal.withInitial(AesCbc::new);

	private final Cipher cipher;

	private Key key;

	private int mode;

	private AesCbc() {
		try {
			this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/CBC/NoPadding is required on every Java platform", ex);
		}
	}

	/** Encrypts {@code data} in place; its length is a multiple of 16. */
	static void encrypt(Key key, byte[] data) {
		PER_THREAD.get().run(Cipher.ENCRYPT_MODE, key, data);
	}

	/** Decrypts {@code data} in place; its length is a multiple of 16. */
	static void decrypt(Key key, byte[] data) {
		PER_THREAD.get().run(Cipher.DECRYPT_MODE, key, data);
	}

	private void run(int mode, Key key, byte[] data) {
		try {
			if (this.key != key || this.mode != mode) {
				this.key = null;
				this.cipher.init(mode, key.spec(), key.iv());
				this.key = key;
				this.mode = mode;
			}
			this.cipher.doFinal(data, 0, data.length, data, 0);
		}
		catch (GeneralSecurityException ex) {
			this.key = null;
			throw new IllegalStateException("AES failed on a block-aligned input", ex);
		}
	}

	/**
	 * The AES key and IV of one EncodingAESKey, prepared once. {@link #toString()} hides
	 * them.
	 */
	record Key(SecretKeySpec spec, IvParameterSpec iv) {

		/**
		 * @param encodingAesKey 43 characters of {@code [A-Za-z0-9]}: Base64 of the
		 * 32-byte key without its trailing {@code =}
		 * @param name the property name for the error message, which never quotes the key
		 */
		static Key of(String encodingAesKey, String name) {
			if (encodingAesKey.length() != 43 || !encodingAesKey.chars().allMatch(Key::isAlphanumeric)) {
				throw new IllegalArgumentException(name + " must be 43 characters of [A-Za-z0-9]");
			}
			byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
			return new Key(new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
		}

		private static boolean isAlphanumeric(int c) {
			return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		}

		@Override
		public String toString() {
			return "Key[hidden]";
		}

	}

}
