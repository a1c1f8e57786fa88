package dev.kefu.links;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The http(s) URLs in a text reply, bare or inside an {@code <a href="…">}, so that a
 * tracked text can send each as a short URL of its own. A URL runs over the characters a
 * URL may hold (so it ends at a space, a quote, {@code <} or a Chinese character) and
 * leaves out the punctuation that ends a sentence after it.
 */
public final class TextUrls {

	private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&*+,;=%]+",
			Pattern.CASE_INSENSITIVE);

	private static final String TRAILING = ".,;:!?";

	private TextUrls() {
	}

	/**
	 * The text with each URL replaced by what {@code replacement} answers for it.
	 * @param replacement called in order with the URL's position among the text's URLs
	 * (from 0) and the URL as a target ({@code &amp;} read as {@code &}, as it is in an
	 * HTML attribute)
	 */
	public static String replace(String content, BiFunction<Integer, String, String> replacement) {
		Matcher url = URL.matcher(content);
		StringBuilder replaced = new StringBuilder(content.length() + 64);
		int last = 0;
		int slot = 0;
		while (url.find()) {
			int end = url.end();
			while (end > url.start() && TRAILING.indexOf(content.charAt(end - 1)) >= 0) {
				end--;
			}
			String found = content.substring(url.start(), end);
			if (found.toLowerCase(Locale.ROOT).matches("https?://")) {
				continue;
			}
			replaced.append(content, last, url.start()).append(replacement.apply(slot++, found.replace("&amp;", "&")));
			last = end;
		}
		return replaced.append(content, last, content.length()).toString();
	}

}
