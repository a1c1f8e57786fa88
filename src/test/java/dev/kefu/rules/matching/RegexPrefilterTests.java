package dev.kefu.rules.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegexPrefilterTests {

	static Stream<Arguments> literals() {
		return Stream.of(Arguments.argumentSet("plain text", "下载", List.of("下载")),
				Arguments.argumentSet("longest run wins", "^订单\\d{6,12}号码呢$", List.of("号码呢")),
				Arguments.argumentSet("folded to lower case", "^HELLO\\b", List.of("hello")),
				Arguments.argumentSet("optional char leaves the run", "colou?r", List.of("colo")),
				Arguments.argumentSet("star removes its char", "ab*cde", List.of("cde")),
				Arguments.argumentSet("plus keeps one copy", "ab+cd", List.of("ab")),
				Arguments.argumentSet("zero repeat removes", "abc{0,2}d", List.of("ab")),
				Arguments.argumentSet("escaped punctuation is literal", "v1\\.2", List.of("v1.2")),
				Arguments.argumentSet("top-level alternatives", "退款|退货了", List.of("退款", "退货了")),
				Arguments.argumentSet("flags are no atom", "(?i)vip会员", List.of("vip会员")),
				Arguments.argumentSet("group alternatives", "(退款|退货)", List.of("退款", "退货")),
				Arguments.argumentSet("run longer than the group's", "(退款|退货)流程说明", List.of("流程说明")),
				Arguments.argumentSet("class is no literal", "[0-9]+元红包", List.of("元红包")),
				Arguments.argumentSet("no literal", "^\\d{11}$", null),
				Arguments.argumentSet("one alternative without literal", "退款|\\d+", null),
				Arguments.argumentSet("quoting is not understood", "\\Qa.b\\E", null),
				Arguments.argumentSet("non-ASCII case is not trusted", "ΣΟΣ", null),
				Arguments.argumentSet("optional emoji is removed whole", "好😀?吗", List.of("好")));
	}

	@ParameterizedTest
	@MethodSource("literals")
	void findsTheLiteralsEveryMatchContains(String regex, List<String> expected) {
		assertThat(RegexPrefilter.of(regex).literals()).isEqualTo(expected);
	}

	static Stream<Arguments> firstCharsAndLengths() {
		return Stream.of(Arguments.argumentSet("phone number, Chinese text", "^1[3-9]\\d{9}$", "你好", false),
				Arguments.argumentSet("phone number, too short", "^1[3-9]\\d{9}$", "138", false),
				Arguments.argumentSet("phone number, too long", "^1[3-9]\\d{9}$", "138001380001", false),
				Arguments.argumentSet("phone number, right shape", "^1[3-9]\\d{9}$", "13800138000", true),
				Arguments.argumentSet("upper-case class matches folded text", "^[A-Z]{2}\\d{8}$", "ab12345678", true),
				Arguments.argumentSet("wrong first char", "^[a-z]{2}\\d{8}$", "1b12345678", false),
				Arguments.argumentSet("unanchored has no first char", "[a-z]{2}\\d{8}", "你好ab12345678", true),
				Arguments.argumentSet("optional start unions the next", "^a?b", "b", true),
				Arguments.argumentSet("anchored alternatives", "^(?:hi|hello)$", "hey", true),
				Arguments.argumentSet("anchored alternatives, too long", "^(?:hi|hello)$", "hello!", false),
				Arguments.argumentSet("nullable start filters nothing", "^a*", "xyz", true),
				Arguments.argumentSet("start-anchored only, any length", "^订单", "订单123456789012345", true),
				Arguments.argumentSet("start-anchored only, wrong start", "^订单", "查订单", false),
				Arguments.argumentSet("dot counts surrogate pairs", "^.$", "😀", true));
	}

	@ParameterizedTest
	@MethodSource("firstCharsAndLengths")
	void skipsTextsOfTheWrongShape(String regex, String text, boolean mayMatch) {
		assertThat(RegexPrefilter.of(regex).mayMatch(text)).isEqualTo(mayMatch);
	}

	@Test
	void unknownSyntaxFiltersNothing() {
		RegexPrefilter prefilter = RegexPrefilter.of("(?m)^x$");
		assertThat(prefilter.literals()).isNull();
		assertThat(prefilter.mayMatch("anything")).isTrue();
	}

	@Test
	void neverRulesOutAMatch() {
		String[] atoms = { "a", "b", "下", "载", ".", "\\d", "\\w", "[ab]", "[a-c1]", "(a|下)", "(?:b|\\d)", "^", "$",
				"\\b", "A", "😀", "(?i)" };
		String[] repeats = { "", "", "", "?", "*", "+", "{2}", "{0,1}", "{1,}", "{1,3}" };
		SplittableRandom random = new SplittableRandom(3);
		String alphabet = "ab下载1 A😀";
		int checked = 0;
		for (int round = 0; round < 5000; round++) {
			String regex = randomRegex(random, atoms, repeats);
			Pattern pattern;
			try {
				pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
			}
			catch (RuntimeException ex) {
				continue;
			}
			RegexPrefilter prefilter = RegexPrefilter.of(regex);
			for (int t = 0; t < 40; t++) {
				StringBuilder text = new StringBuilder();
				int length = random.nextInt(8);
				for (int i = 0; i < length; i++) {
					int at = random.nextInt(alphabet.length() - 1);
					text.appendCodePoint(alphabet.codePointAt(at));
				}
				String normal = Normalisation.normalise(text.toString());
				if (pattern.matcher(normal).find()) {
					checked++;
					assertThat(prefilter.mayMatch(normal)).as("%s matches %s", regex, normal).isTrue();
					if (prefilter.literals() != null) {
						assertThat(prefilter.literals()).as("%s matches %s", regex, normal).anyMatch(normal::contains);
					}
				}
			}
		}
		assertThat(checked).isGreaterThan(10_000);
	}

	private static String randomRegex(SplittableRandom random, String[] atoms, String[] repeats) {
		StringBuilder regex = new StringBuilder();
		if (random.nextInt(3) == 0) {
			regex.append('^');
		}
		for (int i = 0; i < 1 + random.nextInt(5); i++) {
			if (i > 0 && random.nextInt(8) == 0) {
				regex.append(random.nextBoolean() ? "|^" : "|");
			}
			regex.append(atoms[random.nextInt(atoms.length)]).append(repeats[random.nextInt(repeats.length)]);
		}
		if (random.nextInt(3) == 0) {
			regex.append('$');
		}
		return regex.toString();
	}

}
