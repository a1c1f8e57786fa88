package dev.kefu.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats WeChat accepts for customer-service images, told apart by their
 * content.
 */
enum ImageType {

	PNG("image/png", "png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }),

	JPEG("image/jpeg", "jpg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }),

	GIF("image/gif", "gif", new byte[] { 'G', 'I', 'F', '8' });

	private final String contentType;

	private final String extension;

	private final byte[] magic;

	ImageType(String contentType, String extension, byte[] magic) {
		this.contentType = contentType;
		this.extension = extension;
		this.magic = magic;
	}

	String contentType() {
		return this.contentType;
	}

	String extension() {
		return this.extension;
	}

	/** The type {@code content} starts like, if any. */
	static Optional<ImageType> sniff(byte[] content) {
		for (ImageType type : values()) {
			if (content.length > type.magic.length + 2
					&& Arrays.equals(content, 0, type.magic.length, type.magic, 0, type.magic.length)) {
				if (type != GIF || ((content[4] == '7' || content[4] == '9') && content[5] == 'a')) {
					return Optional.of(type);
				}
			}
		}
		return Optional.empty();
	}

}
