package dev.kefu.links;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The codes of tracked links. */
class CodesTests {

	@Test
	void makesSixteenBase64UrlCharactersFromNinetySixRandomBits() {
		// a seeded source makes the draw repeatable; the bits are what the source gives
		Random seeded = new Random(42);
		byte[] expected = new byte[12];
		new Random(42).nextBytes(expected);

		String code = new Codes(seeded).next();

		assertThat(code).hasSize(16).matches("[A-Za-z0-9_-]{16}");
		assertThat(java.util.Base64.getUrlDecoder().decode(code)).isEqualTo(expected);
	}

	@Test
	void makesDifferentCodesEachTime() {
		Codes codes = new Codes(new SecureRandom());
		Set<String> made = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			made.add(codes.next());
		}
		assertThat(made).hasSize(10_000);
	}

	@Test
	void refusesCodesOfAnyOtherShape() {
		assertThat(Codes.wellFormed("AbCdEfGh-_123456")).isTrue();
		assertThat(Codes.wellFormed("AbCdEfGh-_12345")).isFalse();
		assertThat(Codes.wellFormed("AbCdEfGh-_1234567")).isFalse();
		assertThat(Codes.wellFormed("AbCdEfGh+/123456")).isFalse();
		assertThat(Codes.wellFormed("AbCdEfGh%20x3456")).isFalse();
		assertThat(Codes.wellFormed(null)).isFalse();
	}

}
