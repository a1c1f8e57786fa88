package dev.kefu.rules;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Small real images for tests. */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] png(int width, int height) {
		return write(width, height, "png");
	}

	public static byte[] jpeg(int width, int height) {
		return write(width, height, "jpg");
	}

	private static byte[] write(int width, int height, String format) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			image.setRGB(x, 0, 0x07C160);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
