package dev.kefu.rules.matching;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one normal form keywords and messages are compared in: Unicode NFKC (a full-width
 * "１" is "1"), case-folded, trimmed, and every run of whitespace collapsed to one space.
 * Thread-safe and allocation-light.
 */
public final class Normalisation {

	/**
	 * For each BMP char that normalises to exactly one char on its own and can never
	 * combine with a neighbour, the char it becomes; 0 where the full algorithm must run.
	 * Whitespace maps to ' '. Derived from the JDK's own NFKC at class initialisation, so
	 * the fast path can never disagree with the slow one; it covers ASCII, CJK
	 * ideographs, CJK and general punctuation and the full-width forms, which is nearly
	 * every message users send.
	 */
	private static final char[] FAST = new char[0x10000];

	static {
		fill(0x0000, 0x007F);
		fill(0x00A0, 0x00A0);
		fill(0x2010, 0x2027);
		fill(0x3000, 0x3011);
		fill(0x3400, 0x4DBF);
		fill(0x4E00, 0x9FFF);
		fill(0xFF01, 0xFF5E);
	}

	private Normalisation() {
	}

	private static void fill(int first, int last) {
		for (int c = first; c <= last; c++) {
			String single = String.valueOf((char) c);
			String normal = slow(single);
			if (isSpace(c)) {
				FAST[c] = ' ';
			}
			else if (normal.length() == 1 && !isSpace(normal.charAt(0))) {
				FAST[c] = normal.charAt(0);
			}
		}
	}

	/** The normal form of {@code text}; {@code null} stays {@code null}. */
	public static String normalise(String text) {
		if (text == null) {
			return null;
		}
		int length = text.length();
		char[] out = new char[length];
		int n = 0;
		boolean pendingSpace = false;
		for (int i = 0; i < length; i++) {
			char mapped = FAST[text.charAt(i)];
			if (mapped == 0) {
				return collapse(slow(text));
			}
			if (mapped == ' ') {
				pendingSpace = n > 0;
				continue;
			}
			if (pendingSpace) {
				out[n++] = ' ';
				pendingSpace = false;
			}
			out[n++] = mapped;
		}
		return new String(out, 0, n);
	}

	private static String slow(String text) {
		String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
		// Upper then lower case is the JDK's closest thing to full case folding (ß → ss);
		// lower
		// casing puts a final sigma back at word ends, which folding does not. Folding
		// can leave a
		// string that is no longer NFKC, so normalise once more when it changed anything.
		String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('ς', 'σ');
		return folded.equals(compatible) ? folded : Normalizer.normalize(folded, Normalizer.Form.NFKC);
	}

	private static String collapse(String text) {
		StringBuilder out = new StringBuilder(text.length());
		boolean pendingSpace = false;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (isSpace(cp)) {
				pendingSpace = out.length() > 0;
				continue;
			}
			if (pendingSpace) {
				out.append(' ');
				pendingSpace = false;
			}
			out.appendCodePoint(cp);
		}
		return out.toString();
	}

	private static boolean isSpace(int cp) {
		return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
	}

}
