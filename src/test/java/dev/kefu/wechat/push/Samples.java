package dev.kefu.wechat.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Vectors and sample payloads under {@code src/test/resources/wechat/}. */
final class Samples {

	private Samples() {
	}

	static byte[] bytes(String name) {
		try (InputStream in = Samples.class.getResourceAsStream("/wechat/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no sample wechat/" + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String text(String name) {
		return new String(bytes(name), StandardCharsets.UTF_8);
	}

	/** A UTF-8 properties file. */
	static Properties properties(String name) {
		try (Reader in = new InputStreamReader(Samples.class.getResourceAsStream("/wechat/" + name),
				StandardCharsets.UTF_8)) {
			Properties properties = new Properties();
			properties.load(in);
			return properties;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
