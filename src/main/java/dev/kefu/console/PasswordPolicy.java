package dev.kefu.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a console password must be: at least {@value #MIN_LENGTH} characters, at most 72
 * bytes in UTF-8 (bcrypt ignores the rest), and not a common password. A password is
 * common when, lower-cased and without the digits and symbols at its ends (people pad
 * {@code password} to {@code Password123!}), it is on the deny-list
 * {@code common-passwords.txt}, is the user's own name, or nothing is left of it.
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 10;

	private static final Set<String> COMMON = load();

	private PasswordPolicy() {
	}

	/**
	 * The message key of what is wrong with {@code password} for {@code username}, or
	 * {@code null}.
	 */
	static String problem(String password, String username) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return "password.tooShort";
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
			return "password.tooLong";
		}
		String lower = password.toLowerCase(Locale.ROOT);
		String core = core(lower);
		if (COMMON.contains(lower) || COMMON.contains(core)
				|| (username != null && core.equals(username.strip().toLowerCase(Locale.ROOT)))) {
			return "password.common";
		}
		return null;
	}

	/**
	 * The password without digits and symbols at either end; empty if that is all it is.
	 */
	static String core(String lower) {
		int start = 0;
		int end = lower.length();
		while (start < end && !Character.isLetter(lower.charAt(start))) {
			start++;
		}
		while (end > start && !Character.isLetter(lower.charAt(end - 1))) {
			end--;
		}
		return lower.substring(start, end);
	}

	private static Set<String> load() {
		Set<String> words = new HashSet<>();
		words.add("");
		try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String word = line.strip().toLowerCase(Locale.ROOT);
				if (!word.isEmpty() && !word.startsWith("#")) {
					words.add(word);
					words.add(core(word));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(words);
	}

}
