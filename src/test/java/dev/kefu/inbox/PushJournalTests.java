package dev.kefu.inbox;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PushJournalTests {

	@Test
	void padsDeDuplicationKeysToAPowerOfTwoWithTheLastKey() {
		assertThat(PushJournal.paddedToPowerOfTwo(List.of("a"))).containsExactly("a");
		assertThat(PushJournal.paddedToPowerOfTwo(List.of("a", "b"))).containsExactly("a", "b");
		assertThat(PushJournal.paddedToPowerOfTwo(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "c");
		assertThat(PushJournal.paddedToPowerOfTwo(List.of("a", "b", "c", "d", "e"))).hasSize(8)
			.startsWith("a", "b", "c", "d", "e")
			.endsWith("e", "e", "e");
	}

}
