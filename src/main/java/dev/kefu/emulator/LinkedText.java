package dev.kefu.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a text reply into what WeChat shows as plain text and as links:
 * {@code <a href="…">} tags, including mini program text links
 * ({@code data-miniprogram-appid}, {@code data-miniprogram-path}, wechat-protocol.md §7).
 * Only http(s) targets become links; everything else stays literal text, and the page
 * escapes all of it.
 */
final class LinkedText {

	private static final Pattern ANCHOR = Pattern.compile("<a\\s+([^>]*)>(.*?)</a>",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z][\\w-]*)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

	private LinkedText() {
	}

	static List<ChatEntry.TextRun> parse(String content) {
		List<ChatEntry.TextRun> runs = new ArrayList<>();
		Matcher anchor = ANCHOR.matcher(content);
		int last = 0;
		while (anchor.find()) {
			if (anchor.start() > last) {
				runs.add(new ChatEntry.TextRun(content.substring(last, anchor.start()), null, null));
			}
			runs.add(link(anchor.group(1), anchor.group(2), anchor.group()));
			last = anchor.end();
		}
		if (last < content.length()) {
			runs.add(new ChatEntry.TextRun(content.substring(last), null, null));
		}
		return runs;
	}

	private static ChatEntry.TextRun link(String attributes, String text, String whole) {
		String href = null;
		String path = null;
		Matcher attribute = ATTRIBUTE.matcher(attributes);
		while (attribute.find()) {
			String value = (attribute.group(3) != null) ? attribute.group(3) : attribute.group(4);
			switch (attribute.group(1).toLowerCase(Locale.ROOT)) {
				case "href" -> href = value;
				case "data-miniprogram-path" -> path = value;
				default -> {
				}
			}
		}
		if (href != null && !href.regionMatches(true, 0, "https://", 0, 8)
				&& !href.regionMatches(true, 0, "http://", 0, 7)) {
			href = null;
		}
		if (href == null && path == null) {
			return new ChatEntry.TextRun(whole, null, null);
		}
		return new ChatEntry.TextRun(text, href, path);
	}

}
