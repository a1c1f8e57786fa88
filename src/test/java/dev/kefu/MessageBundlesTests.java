package dev.kefu;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console speaks Chinese and English: every label and error exists in both, with the
 * same arguments.
 */
class MessageBundlesTests {

	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

	@Test
	void bothBundlesHoldTheSameKeys() throws IOException {
		Properties chinese = bundle("messages.properties");
		Properties english = bundle("messages_en.properties");

		assertThat(english.stringPropertyNames()).as("keys missing in messages_en.properties")
			.containsAll(chinese.stringPropertyNames());
		assertThat(chinese.stringPropertyNames()).as("keys missing in messages.properties")
			.containsAll(english.stringPropertyNames());
	}

	@Test
	void bothBundlesTakeTheSameArguments() throws IOException {
		Properties chinese = bundle("messages.properties");
		Properties english = bundle("messages_en.properties");

		for (String key : chinese.stringPropertyNames()) {
			if (english.containsKey(key)) {
				assertThat(arguments(english.getProperty(key))).as(key).isEqualTo(arguments(chinese.getProperty(key)));
			}
		}
	}

	private static Set<String> arguments(String message) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = ARGUMENT.matcher(message);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static Properties bundle(String name) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(name).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
