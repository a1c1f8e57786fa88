package dev.kefu.wechat.push;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * A "random" source that makes {@link PushCipher} write a chosen 16-character prefix, so
 * a published ciphertext can be reproduced byte for byte.
 */
final class FixedPrefixRandom implements RandomGenerator {

	private final String prefix;

	private int next;

	FixedPrefixRandom(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public int nextInt(int bound) {
		byte wanted = (byte) this.prefix.charAt(this.next++ % this.prefix.length());
		String alphabet = new String(PushCipher.ALPHANUMERIC, StandardCharsets.US_ASCII);
		int index = alphabet.indexOf(wanted);
		if (index < 0 || bound != alphabet.length()) {
			throw new IllegalStateException("prefix character not in the cipher's alphabet");
		}
		return index;
	}

	@Override
	public long nextLong() {
		throw new UnsupportedOperationException("only nextInt(bound) is expected");
	}

}
