package dev.kefu.rules.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AhoCorasickTests {

	@Test
	void findsOverlappingPatternsInOnePass() {
		List<String> patterns = List.of("he", "she", "his", "hers");
		assertThat(found(patterns, "ushers")).containsExactlyInAnyOrder("he", "she", "hers");
	}

	@Test
	void findsChinesePatternsInsideEachOther() {
		List<String> patterns = List.of("下载", "下载app", "载a", "app");
		assertThat(found(patterns, "我要下载app吗")).containsExactlyInAnyOrder("下载", "下载app", "载a", "app");
		assertThat(found(patterns, "下 载")).isEmpty();
	}

	@Test
	void sameTextGetsTheSameId() {
		AhoCorasick.Builder builder = new AhoCorasick.Builder();
		int first = builder.add("下载");
		assertThat(builder.add("会员")).isNotEqualTo(first);
		assertThat(builder.add("下载")).isEqualTo(first);
		assertThat(builder.patternCount()).isEqualTo(2);
	}

	@Test
	void refusesAnEmptyPattern() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AhoCorasick.Builder().add(""));
	}

	@Test
	void agreesWithNaiveSearchOnRandomInput() {
		SplittableRandom random = new SplittableRandom(7);
		String alphabet = "ab下载c";
		for (int round = 0; round < 200; round++) {
			List<String> patterns = new ArrayList<>();
			for (int i = 0; i < 1 + random.nextInt(40); i++) {
				patterns.add(randomText(random, alphabet, 1 + random.nextInt(5)));
			}
			for (int t = 0; t < 20; t++) {
				String text = randomText(random, alphabet, random.nextInt(20));
				Set<String> expected = new HashSet<>();
				for (String pattern : patterns) {
					if (text.contains(pattern)) {
						expected.add(pattern);
					}
				}
				assertThat(found(patterns, text)).as("patterns %s in %s", patterns, text).isEqualTo(expected);
			}
		}
	}

	private static String randomText(SplittableRandom random, String alphabet, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	private static Set<String> found(List<String> patterns, String text) {
		AhoCorasick.Builder builder = new AhoCorasick.Builder();
		List<String> byId = new ArrayList<>();
		for (String pattern : patterns) {
			int id = builder.add(pattern);
			if (id == byId.size()) {
				byId.add(pattern);
			}
		}
		AhoCorasick automaton = builder.build();
		Set<String> found = new HashSet<>();
		int state = AhoCorasick.ROOT;
		for (int i = 0; i < text.length(); i++) {
			state = automaton.next(state, text.charAt(i));
			for (int hit = automaton.firstHit(state); hit >= 0; hit = automaton.nextHit(hit)) {
				found.add(byId.get(automaton.pattern(hit)));
			}
		}
		return found;
	}

}
