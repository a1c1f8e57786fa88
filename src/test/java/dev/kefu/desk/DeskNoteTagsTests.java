package dev.kefu.desk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the desk reads the tags an agent typed for a user. */
class DeskNoteTagsTests {

	@Test
	void readsTagsSeparatedBySpacesAndCommasOnceEach() {
		assertThat(Desk.tags(" VIP，回头客、 VIP,b  ")).containsExactly("VIP", "回头客", "b");
		assertThat(Desk.tags("")).isEmpty();
		assertThat(Desk.tags(null)).isEmpty();
	}

}
