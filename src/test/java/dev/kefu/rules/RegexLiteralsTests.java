package dev.kefu.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegexLiteralsTests {

	static Stream<Arguments> regexes() {
		return Stream.of(Arguments.argumentSet("plain text", "下载", List.of("下载")),
				Arguments.argumentSet("longest run wins", "^订单\\d{6,12}号码呢$", List.of("号码呢")),
				Arguments.argumentSet("folded to lower case", "^HELLO\\b", List.of("hello")),
				Arguments.argumentSet("optional char leaves the run", "colou?r", List.of("colo")),
				Arguments.argumentSet("star removes its char", "ab*cde", List.of("cde")),
				Arguments.argumentSet("plus keeps one", "ab+cd", List.of("ab")),
				Arguments.argumentSet("zero repeat removes", "abc{0,2}d", List.of("ab")),
				Arguments.argumentSet("escaped punctuation is literal", "v1\\.2", List.of("v1.2")),
				Arguments.argumentSet("top-level alternatives", "退款|退货了", List.of("退款", "退货了")),
				Arguments.argumentSet("flags are no atom", "(?i)vip会员", List.of("vip会员")),
				Arguments.argumentSet("group is opaque", "(退款|退货)流程", List.of("流程")),
				Arguments.argumentSet("class is opaque", "[0-9]+元红包", List.of("元红包")),
				Arguments.argumentSet("no literal", "^\\d{11}$", null),
				Arguments.argumentSet("one alternative without literal", "退款|\\d+", null),
				Arguments.argumentSet("only a group", "(退款|退货)", null),
				Arguments.argumentSet("quoting is not understood", "\\Qa.b\\E", null),
				Arguments.argumentSet("non-ASCII case is not trusted", "ΣΟΣ", null),
				Arguments.argumentSet("optional emoji is removed whole", "好😀?吗", List.of("好")));
	}

	@ParameterizedTest
	@MethodSource("regexes")
	void findsTheLiteralsEveryMatchContains(String regex, List<String> expected) {
		assertThat(RegexLiterals.required(regex)).isEqualTo(Optional.ofNullable(expected));
	}

	@Test
	void neverClaimsALiteralAMatchLacks() {
		String[] atoms = { "a", "b", "下", "载", ".", "\\d", "[ab]", "(a|下)", "^", "$", "\\b", "A" };
		String[] repeats = { "", "", "", "?", "*", "+", "{2}", "{0,1}", "{1,}" };
		SplittableRandom random = new SplittableRandom(3);
		String alphabet = "ab下载1 ";
		for (int round = 0; round < 3000; round++) {
			StringBuilder regex = new StringBuilder();
			for (int i = 0; i < 1 + random.nextInt(5); i++) {
				if (i > 0 && random.nextInt(8) == 0) {
					regex.append('|');
				}
				regex.append(atoms[random.nextInt(atoms.length)]).append(repeats[random.nextInt(repeats.length)]);
			}
			Pattern pattern;
			try {
				pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
			}
			catch (RuntimeException ex) {
				continue;
			}
			Optional<List<String>> literals = RegexLiterals.required(regex.toString());
			if (literals.isEmpty()) {
				continue;
			}
			for (int t = 0; t < 30; t++) {
				StringBuilder text = new StringBuilder();
				for (int i = 0; i < random.nextInt(8); i++) {
					text.append(alphabet.charAt(random.nextInt(alphabet.length())));
				}
				String normal = Normalisation.normalise(text.toString());
				if (pattern.matcher(normal).find()) {
					assertThat(literals.get()).as("%s matches %s", regex, normal).anyMatch(normal::contains);
				}
			}
		}
	}

}
