package dev.kefu.links;

import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * The codes of tracked links: 96 random bits written as 16 base64url characters, so a
 * code cannot be guessed from others. A code of any other shape is refused before the
 * database is asked.
 */
final class Codes {

	static final int LENGTH = 16;

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final RandomGenerator random;

	/**
	 * @param random a cryptographically strong source in production
	 * ({@link java.security.SecureRandom})
	 */
	Codes(RandomGenerator random) {
		this.random = random;
	}

	String next() {
		byte[] bytes = new byte[12];
		this.random.nextBytes(bytes);
		return BASE64URL.encodeToString(bytes);
	}

	static boolean wellFormed(String code) {
		if (code == null || code.length() != LENGTH) {
			return false;
		}
		for (int i = 0; i < LENGTH; i++) {
			char c = code.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
				return false;
			}
		}
		return true;
	}

}
