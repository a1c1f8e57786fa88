package dev.kefu.rules.matching;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Cheap necessary conditions for a REGEX keyword to match a normalised message, so the
 * matcher runs RE2/J only where it could succeed. A call into RE2/J costs a few hundred
 * nanoseconds even on a two-character message; with dozens of regex rules that alone
 * would cap throughput for the many messages no rule matches. Three filters, each derived
 * from the regex's syntax:
 * <ul>
 * <li>{@link #literals()}: strings at least one of which every match contains (the
 * matcher looks for them in its Aho–Corasick pass);</li>
 * <li>{@link #mayMatch}: for a regex anchored with {@code ^}, the chars a match can start
 * with, and for one anchored at both ends, the lengths it can have.</li>
 * </ul>
 * Deliberately conservative: syntax it does not fully understand yields no filter, which
 * only means the regex is always tried. Since messages are case-folded and regexes run
 * case-insensitively, ASCII letters are compared in lower case, and letters with a case
 * outside ASCII are treated as any char (RE2/J's folding and ours could differ there). A
 * filter that disagrees with RE2/J loses matches silently, so
 * {@code RegexMatchingPropertyTests} checks the matcher against RE2/J on thousands of
 * generated regexes and messages; extend its grammar when this parser learns new syntax.
 */
final class RegexPrefilter {

	static final RegexPrefilter NONE = new RegexPrefilter(null, null, 0, Integer.MAX_VALUE);

	private static final int UNBOUNDED = Integer.MAX_VALUE;

	private final List<String> literals;

	private final BitSet first;

	private final int minLength;

	private final int maxLength;

	private RegexPrefilter(List<String> literals, BitSet first, int minLength, int maxLength) {
		this.literals = literals;
		this.first = first;
		this.minLength = minLength;
		this.maxLength = maxLength;
	}

	static RegexPrefilter of(String regex) {
		Node root;
		try {
			root = new Parser(regex).parse();
		}
		catch (Unsupported ex) {
			return NONE;
		}
		List<String> literals = required(root);
		List<Node> branches = (root instanceof Alt alt) ? alt.branches() : List.of(root);
		BitSet first = new BitSet();
		long min = UNBOUNDED;
		long max = 0;
		boolean startAnchored = true;
		boolean bothAnchored = true;
		for (Node branch : branches) {
			List<Node> parts = (branch instanceof Concat concat) ? concat.parts() : List.of(branch);
			boolean starts = !parts.isEmpty() && parts.get(0) == Assert.BEGIN;
			boolean ends = starts && parts.size() > 1 && parts.get(parts.size() - 1) == Assert.END;
			startAnchored &= starts;
			bothAnchored &= ends;
			if (starts) {
				First firstOfRest = first(new Concat(parts.subList(1, parts.size())));
				if (first != null && firstOfRest.chars() != null && !firstOfRest.nullable()) {
					first.or(firstOfRest.chars());
				}
				else {
					first = null;
				}
			}
			min = Math.min(min, minLength(branch));
			max = Math.max(max, maxLength(branch));
		}
		return new RegexPrefilter(literals, startAnchored ? first : null, bothAnchored ? (int) min : 0,
				bothAnchored ? (int) Math.min(max, UNBOUNDED) : UNBOUNDED);
	}

	/**
	 * This prefilter without its first-char and length checks: its required literals
	 * only.
	 */
	RegexPrefilter literalsOnly() {
		return new RegexPrefilter(this.literals, null, 0, UNBOUNDED);
	}

	/**
	 * Strings at least one of which every match contains, or {@code null} if there are
	 * none.
	 */
	List<String> literals() {
		return this.literals;
	}

	/**
	 * Whether the regex can match {@code text} as far as its first char and length tell.
	 */
	boolean mayMatch(String text) {
		int length = text.length();
		if (length < this.minLength || length > this.maxLength) {
			return false;
		}
		return this.first == null || length == 0 || this.first.get(text.charAt(0));
	}

	// --- analysis

	private static List<String> required(Node node) {
		if (node instanceof Literal literal) {
			return List.of(Character.toString(literal.codePoint()));
		}
		if (node instanceof Alt alt) {
			List<String> any = new ArrayList<>();
			for (Node branch : alt.branches()) {
				List<String> branchLiterals = required(branch);
				if (branchLiterals == null) {
					return null;
				}
				any.addAll(branchLiterals);
			}
			return any;
		}
		if (node instanceof Repeat repeat) {
			return (repeat.min() >= 1) ? required(repeat.node()) : null;
		}
		if (node instanceof Concat concat) {
			return requiredInSequence(concat.parts());
		}
		return null;
	}

	/** The best of a sequence's literal runs and its parts' own requirements. */
	private static List<String> requiredInSequence(List<Node> parts) {
		List<List<String>> options = new ArrayList<>();
		StringBuilder run = new StringBuilder();
		for (Node part : parts) {
			if (part instanceof Literal literal) {
				run.appendCodePoint(literal.codePoint());
				continue;
			}
			if (part instanceof Repeat repeat && repeat.min() >= 1 && repeat.node() instanceof Literal literal) {
				// At least one copy follows the run; what comes after the copies is a new
				// run.
				run.appendCodePoint(literal.codePoint());
			}
			else {
				List<String> own = required(part);
				if (own != null) {
					options.add(own);
				}
			}
			if (!run.isEmpty()) {
				options.add(List.of(run.toString()));
				run.setLength(0);
			}
		}
		if (!run.isEmpty()) {
			options.add(List.of(run.toString()));
		}
		List<String> best = null;
		for (List<String> option : options) {
			if (best == null || shortest(option) > shortest(best)) {
				best = option;
			}
		}
		return best;
	}

	private static int shortest(List<String> strings) {
		return strings.stream().mapToInt(String::length).min().orElse(0);
	}

	/**
	 * The chars a match of {@code node} can start with ({@code null}: any), and whether
	 * it can be empty.
	 */
	private record First(BitSet chars, boolean nullable) {
	}

	private static First first(Node node) {
		if (node instanceof Literal literal) {
			return new First(single(Character.toChars(literal.codePoint())[0]), false);
		}
		if (node instanceof CharSet set) {
			return new First(set.chars(), false);
		}
		if (node instanceof Repeat repeat) {
			First inner = first(repeat.node());
			return new First(inner.chars(), inner.nullable() || repeat.min() == 0);
		}
		if (node instanceof Alt alt) {
			BitSet chars = new BitSet();
			boolean nullable = false;
			for (Node branch : alt.branches()) {
				First inner = first(branch);
				chars = union(chars, inner.chars());
				nullable |= inner.nullable();
			}
			return new First(chars, nullable);
		}
		if (node instanceof Concat concat) {
			BitSet chars = new BitSet();
			for (Node part : concat.parts()) {
				First inner = first(part);
				chars = union(chars, inner.chars());
				if (!inner.nullable()) {
					return new First(chars, false);
				}
			}
			return new First(chars, true);
		}
		return new First(new BitSet(), true); // an assertion matches no char
	}

	private static BitSet single(char c) {
		BitSet set = new BitSet();
		set.set(c);
		return set;
	}

	private static BitSet union(BitSet a, BitSet b) {
		if (a == null || b == null) {
			return null;
		}
		BitSet both = (BitSet) a.clone();
		both.or(b);
		return both;
	}

	/** In UTF-16 chars. */
	private static long minLength(Node node) {
		if (node instanceof Literal literal) {
			return Character.charCount(literal.codePoint());
		}
		if (node instanceof CharSet) {
			return 1;
		}
		if (node instanceof Repeat repeat) {
			return repeat.min() * minLength(repeat.node());
		}
		if (node instanceof Alt alt) {
			return alt.branches().stream().mapToLong(RegexPrefilter::minLength).min().orElse(0);
		}
		if (node instanceof Concat concat) {
			return concat.parts().stream().mapToLong(RegexPrefilter::minLength).sum();
		}
		return 0;
	}

	/** In UTF-16 chars, capped at {@link #UNBOUNDED}. */
	private static long maxLength(Node node) {
		long length = 0;
		if (node instanceof Literal literal) {
			length = Character.charCount(literal.codePoint());
		}
		else if (node instanceof CharSet set) {
			length = (set.chars() != null) ? 1 : 2;
		}
		else if (node instanceof Repeat repeat) {
			long inner = maxLength(repeat.node());
			length = (inner == 0) ? 0 : (repeat.max() < 0) ? UNBOUNDED : repeat.max() * inner;
		}
		else if (node instanceof Alt alt) {
			length = alt.branches().stream().mapToLong(RegexPrefilter::maxLength).max().orElse(0);
		}
		else if (node instanceof Concat concat) {
			length = concat.parts().stream().mapToLong(RegexPrefilter::maxLength).sum();
		}
		return Math.min(length, UNBOUNDED);
	}

	// --- syntax: the subset of RE2 we understand

	private sealed interface Node permits Literal, CharSet, Assert, Concat, Alt, Repeat {

	}

	/** One code point, in lower case if an ASCII letter. */
	private record Literal(int codePoint) implements Node {
	}

	/**
	 * One char out of {@code chars} (BMP only), or any char when {@code chars} is null.
	 */
	private record CharSet(BitSet chars) implements Node {
	}

	private enum Assert implements Node {

		BEGIN, END, OTHER

	}

	private record Concat(List<Node> parts) implements Node {
	}

	private record Alt(List<Node> branches) implements Node {
	}

	/** {@code max} is -1 for unbounded. */
	private record Repeat(Node node, int min, int max) implements Node {
	}

	private static final class Unsupported extends Exception {

		Unsupported() {
			super(null, null, false, false);
		}

	}

	private static final class Parser {

		private final String regex;

		private int at;

		Parser(String regex) {
			this.regex = regex;
		}

		Node parse() throws Unsupported {
			Node node = alternation();
			if (this.at != this.regex.length()) {
				throw new Unsupported();
			}
			return node;
		}

		private Node alternation() throws Unsupported {
			List<Node> branches = new ArrayList<>();
			branches.add(sequence());
			while (peek('|')) {
				this.at++;
				branches.add(sequence());
			}
			return (branches.size() == 1) ? branches.get(0) : new Alt(branches);
		}

		private Node sequence() throws Unsupported {
			List<Node> parts = new ArrayList<>();
			while (this.at < this.regex.length() && !peek('|') && !peek(')')) {
				Node atom = atom();
				parts.add(repeats(atom));
			}
			return (parts.size() == 1) ? parts.get(0) : new Concat(parts);
		}

		private Node repeats(Node atom) throws Unsupported {
			Node node = atom;
			while (this.at < this.regex.length()) {
				char c = this.regex.charAt(this.at);
				int min;
				int max;
				if (c == '*' || c == '+' || c == '?') {
					this.at++;
					min = (c == '+') ? 1 : 0;
					max = (c == '?') ? 1 : -1;
				}
				else if (c == '{') {
					int close = this.regex.indexOf('}', this.at);
					String body = (close < 0) ? "" : this.regex.substring(this.at + 1, close);
					if (!body.matches("\\d{1,4}(,\\d{0,4})?")) {
						throw new Unsupported();
					}
					int comma = body.indexOf(',');
					min = Integer.parseInt((comma < 0) ? body : body.substring(0, comma));
					max = (comma < 0) ? min
							: (comma == body.length() - 1) ? -1 : Integer.parseInt(body.substring(comma + 1));
					this.at = close + 1;
				}
				else {
					return node;
				}
				// RE2 lets a repeat after a flag group apply to what came before; not
				// worth following.
				if (node instanceof Assert || (node instanceof Concat empty && empty.parts().isEmpty())) {
					throw new Unsupported();
				}
				if (peek('?')) {
					this.at++; // lazy: same strings
				}
				node = new Repeat(node, min, max);
			}
			return node;
		}

		private Node atom() throws Unsupported {
			int cp = this.regex.codePointAt(this.at);
			this.at += Character.charCount(cp);
			return switch (cp) {
				case '(' -> group();
				case '[' -> charClass();
				case '.' -> new CharSet(null);
				case '^' -> Assert.BEGIN;
				case '$' -> Assert.END;
				case '\\' -> escape();
				case '*', '+', '?', '{', ')' -> throw new Unsupported();
				default -> literal(cp);
			};
		}

		private Node group() throws Unsupported {
			if (peek('?')) {
				this.at++;
				if (peek('P') || peek('<')) {
					int close = this.regex.indexOf('>', this.at);
					if (close < 0) {
						throw new Unsupported();
					}
					this.at = close + 1;
				}
				else {
					int end = this.at;
					while (end < this.regex.length() && "imsU-".indexOf(this.regex.charAt(end)) >= 0) {
						end++;
					}
					String flags = this.regex.substring(this.at, end);
					// Multi-line mode changes what ^ and $ mean; not worth understanding.
					if (flags.contains("m") || end >= this.regex.length()) {
						throw new Unsupported();
					}
					this.at = end + 1;
					if (this.regex.charAt(end) == ')') {
						return new Concat(List.of());
					}
					if (this.regex.charAt(end) != ':') {
						throw new Unsupported();
					}
				}
			}
			Node inner = alternation();
			if (!peek(')')) {
				throw new Unsupported();
			}
			this.at++;
			return inner;
		}

		private Node escape() throws Unsupported {
			if (this.at >= this.regex.length()) {
				throw new Unsupported();
			}
			char c = this.regex.charAt(this.at++);
			return switch (c) {
				case 'd' -> new CharSet(range('0', '9'));
				case 'w' -> new CharSet(word());
				case 's' -> new CharSet(chars("\t\n\f\r "));
				case 'D', 'W', 'S' -> new CharSet(null);
				case 'A' -> Assert.BEGIN;
				case 'z' -> Assert.END;
				case 'b', 'B' -> Assert.OTHER;
				case 'p', 'P' -> {
					if (peek('{')) {
						int close = this.regex.indexOf('}', this.at);
						if (close < 0) {
							throw new Unsupported();
						}
						this.at = close + 1;
					}
					else {
						this.at++;
					}
					yield new CharSet(null);
				}
				case 'n' -> literal('\n');
				case 't' -> literal('\t');
				case 'r' -> literal('\r');
				case 'f' -> literal('\f');
				default -> {
					if (Character.isLetterOrDigit(c)) {
						throw new Unsupported();
					}
					yield literal(c);
				}
			};
		}

		private Node charClass() throws Unsupported {
			if (peek('^')) {
				int close = classEnd();
				this.at = close + 1;
				return new CharSet(null);
			}
			BitSet chars = new BitSet();
			boolean first = true;
			while (this.at < this.regex.length() && (first || !peek(']'))) {
				first = false;
				int low = classChar(chars);
				if (low < 0) {
					continue;
				}
				if (peek('-') && this.at + 1 < this.regex.length() && this.regex.charAt(this.at + 1) != ']') {
					this.at++;
					int high = classChar(chars);
					if (high < low) {
						throw new Unsupported();
					}
					for (int c = low; c <= high; c++) {
						addFolded(chars, c);
					}
				}
				else {
					addFolded(chars, low);
				}
			}
			if (!peek(']')) {
				throw new Unsupported();
			}
			this.at++;
			return new CharSet(chars);
		}

		/**
		 * The next class member as a char, or -1 if it was a whole escape class added to
		 * {@code chars}.
		 */
		private int classChar(BitSet chars) throws Unsupported {
			char c = this.regex.charAt(this.at++);
			if (c == '[' && peek(':')) {
				throw new Unsupported();
			}
			if (Character.isSurrogate(c)) {
				throw new Unsupported();
			}
			if (c != '\\') {
				return c;
			}
			if (this.at >= this.regex.length()) {
				throw new Unsupported();
			}
			char escaped = this.regex.charAt(this.at++);
			switch (escaped) {
				case 'd' -> chars.or(range('0', '9'));
				case 'w' -> chars.or(word());
				case 's' -> chars.or(chars("\t\n\f\r "));
				case 'n' -> {
					return '\n';
				}
				case 't' -> {
					return '\t';
				}
				default -> {
					if (Character.isLetterOrDigit(escaped)) {
						throw new Unsupported();
					}
					return escaped;
				}
			}
			return -1;
		}

		/** The index of the ']' closing a negated class; {@code at} is on its '^'. */
		private int classEnd() throws Unsupported {
			int start = this.at + 1;
			// As right after '[', a ']' right after "[^" is a member, not the end.
			if (start < this.regex.length() && this.regex.charAt(start) == ']') {
				start++;
			}
			for (int i = start; i < this.regex.length(); i++) {
				char c = this.regex.charAt(i);
				if (c == '\\') {
					i++;
				}
				else if (c == '[') {
					throw new Unsupported();
				}
				else if (c == ']') {
					return i;
				}
			}
			throw new Unsupported();
		}

		private static void addFolded(BitSet chars, int c) throws Unsupported {
			if (c >= 0x80 && hasCase(c)) {
				throw new Unsupported();
			}
			chars.set(Character.toLowerCase(c));
			chars.set(Character.toUpperCase(c));
		}

		private static Node literal(int cp) {
			if (cp >= 0x80 && hasCase(cp)) {
				return new CharSet(null);
			}
			return new Literal((cp < 0x80) ? Character.toLowerCase(cp) : cp);
		}

		private static boolean hasCase(int cp) {
			return Character.toLowerCase(cp) != cp || Character.toUpperCase(cp) != cp
					|| Character.toTitleCase(cp) != cp;
		}

		private static BitSet range(char low, char high) {
			BitSet set = new BitSet();
			set.set(low, high + 1);
			return set;
		}

		private static BitSet word() {
			BitSet set = range('0', '9');
			set.or(range('a', 'z'));
			set.or(range('A', 'Z'));
			set.set('_');
			return set;
		}

		private static BitSet chars(String members) {
			BitSet set = new BitSet();
			members.chars().forEach(set::set);
			return set;
		}

		private boolean peek(char c) {
			return this.at < this.regex.length() && this.regex.charAt(this.at) == c;
		}

	}

}
