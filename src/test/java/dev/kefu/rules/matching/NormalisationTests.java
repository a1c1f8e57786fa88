package dev.kefu.rules.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NormalisationTests {

	static Stream<Arguments> cases() {
		return Stream.of(Arguments.argumentSet("full-width digit", "１", "1"),
				Arguments.argumentSet("full-width letters and case", "ＡＢｃ", "abc"),
				Arguments.argumentSet("trim", "  下载  ", "下载"),
				Arguments.argumentSet("inner whitespace collapses", "下载 \t\n APP", "下载 app"),
				Arguments.argumentSet("ideographic space", "下载\u3000app", "下载 app"),
				Arguments.argumentSet("no-break space", "a\u00A0b", "a b"),
				Arguments.argumentSet("full-width punctuation", "你好！？", "你好!?"),
				Arguments.argumentSet("ellipsis expands", "嗯…", "嗯..."),
				Arguments.argumentSet("ligature", "ﬁle", "file"),
				Arguments.argumentSet("sharp s folds", "STRASSE Straße", "strasse strasse"),
				Arguments.argumentSet("final sigma folds", "ΟΔΟΣ οδος", "οδοσ οδοσ"),
				Arguments.argumentSet("combining accent composes", "cafe\u0301", "café"),
				Arguments.argumentSet("half-width katakana", "ｶﾞ", "ガ"),
				Arguments.argumentSet("circled digit", "①", "1"),
				Arguments.argumentSet("only whitespace", " \u3000 ", ""), Arguments.argumentSet("empty", "", ""));
	}

	@ParameterizedTest
	@MethodSource("cases")
	void normalisesLikeNfkcFoldedAndCollapsed(String text, String expected) {
		assertThat(Normalisation.normalise(text)).isEqualTo(expected);
	}

	@Test
	void leavesNullAlone() {
		assertThat(Normalisation.normalise(null)).isNull();
	}

	@Test
	void fastPathAgreesWithTheFullAlgorithm() {
		String alphabet = "aZ9 !~\t\n下载你好的一是了，。！？「」『』“”‘’…—\u3000ＡＺａ０９＠\u00A0㐀ｶﾞéΣßﬁ①";
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 20_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(12);
			for (int j = 0; j < length; j++) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertThat(Normalisation.normalise(text.toString())).as("normal form of [%s]", text)
				.isEqualTo(reference(text.toString()));
		}
	}

	/** The definition, without any shortcut. */
	private static String reference(String text) {
		String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
		String folded = Normalizer.normalize(
				compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('ς', 'σ'), Normalizer.Form.NFKC);
		return String.join(" ",
				folded.trim().isEmpty() ? new String[0] : folded.strip().split("[\\s\\p{Zs}\\u001C-\\u001F]+"));
	}

}
