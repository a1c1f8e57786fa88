package dev.kefu.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ImageTypeTests {

	@Test
	void recognisesImagesByTheirContent() {
		assertThat(ImageType.sniff(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0)))
			.contains(ImageType.PNG);
		assertThat(ImageType.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10))).contains(ImageType.JPEG);
		assertThat(ImageType.sniff("GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1))).contains(ImageType.GIF);
		assertThat(ImageType.sniff("GIF87a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1))).contains(ImageType.GIF);
	}

	@Test
	void refusesWhatOnlyClaimsToBeAnImage() {
		assertThat(ImageType.sniff("<html>image.png</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(ImageType.sniff("GIF80b\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
		assertThat(ImageType.sniff(bytes(0x89, 'P', 'N', 'G'))).isEmpty();
		assertThat(ImageType.sniff(new byte[0])).isEmpty();
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
