package dev.kefu.outbox;

import java.util.Map;

import dev.kefu.rules.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How reply parts are kept in the outbox, tracked links among them. */
class ReplyCodecTests {

	private final ReplyCodec codec = new ReplyCodec();

	@Test
	void readsALinkStoredBeforeLinksWereTrackedAsUntracked() {
		Reply reply = this.codec.decode("link",
				"{\"title\":\"下载\",\"description\":null,\"url\":\"https://example.com/app?a=1\",\"thumbUrl\":null}");

		assertThat(reply).isEqualTo(new Reply.Link("下载", null, "https://example.com/app?a=1", null));
		assertThat(((Reply.Link) reply).tracking()).isNull();
	}

	@Test
	void keepsATrackedLinksUtmParametersInTheirOrder() {
		Reply.Link link = new Reply.Link("下载", "安卓和 iOS", "https://example.com/app", null,
				new Reply.Tracking(Map.of("campaign", "spring", "source", "kefu")));

		String stored = this.codec.encode(link);
		Reply read = this.codec.decode("link", stored);

		assertThat(read).isEqualTo(link);
		assertThat(((Reply.Link) read).tracking().utm().keySet()).containsExactly("source", "campaign");
		assertThat(stored).contains("\"tracked\":true");
	}

	@Test
	void keepsAnUntrackedLinkWithoutTrackingFields() {
		String stored = this.codec.encode(new Reply.Link("下载", null, "https://example.com/app", null));

		assertThat(stored).doesNotContain("tracked").doesNotContain("utm");
	}

}
