package dev.kefu.rules.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ExactIndexTests {

	@Test
	void findsEveryTextWithItsRanksInOrder() {
		SplittableRandom random = new SplittableRandom(11);
		String[] texts = new String[5000];
		Map<String, List<Integer>> expected = new LinkedHashMap<>();
		for (int rank = 0; rank < texts.length; rank++) {
			if (random.nextInt(4) == 0) {
				continue; // not an EXACT rank
			}
			// Few distinct texts, so many are shared by several ranks.
			String text = "关键词" + random.nextInt(1500);
			texts[rank] = text;
			expected.computeIfAbsent(text, (key) -> new ArrayList<>()).add(rank);
		}
		ExactIndex index = new ExactIndex(texts);

		expected.forEach((text, ranks) -> {
			int slot = index.slot(text);
			assertThat(slot).isNotNegative();
			List<Integer> found = new ArrayList<>();
			if (index.rank(slot) >= 0) {
				found.add(index.rank(slot));
			}
			else {
				for (int rank : index.shared(slot)) {
					found.add(rank);
				}
			}
			assertThat(found).as(text).isEqualTo(ranks);
		});
		assertThat(index.slot("关键词")).isNegative();
		assertThat(index.slot("")).isNegative();
	}

	@Test
	void anEmptyIndexFindsNothing() {
		assertThat(new ExactIndex(new String[0]).slot("1")).isNegative();
	}

}
