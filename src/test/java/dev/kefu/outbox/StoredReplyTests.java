package dev.kefu.outbox;

import java.util.Map;

import dev.kefu.rules.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How reply parts are kept in {@code outbox_delivery.reply_json}, tracked links among
 * them.
 */
class StoredReplyTests {

	@Test
	void readsALinkStoredBeforeLinksWereTrackedAsUntracked() {
		Reply reply = DeliveryStore.reply("link",
				"{\"title\":\"下载\",\"description\":null,\"url\":\"https://example.com/app?a=1\",\"thumbUrl\":null}");

		assertThat(reply).isEqualTo(new Reply.Link("下载", null, "https://example.com/app?a=1", null));
		assertThat(((Reply.Link) reply).tracking()).isNull();
	}

	@Test
	void readsPartsStoredWithTheirTypeOnlyInTheTypeColumn() {
		assertThat(DeliveryStore.reply("text", "{\"content\":\"你好\"}")).isEqualTo(new Reply.Text("你好"));
		assertThat(DeliveryStore.reply("image", "{\"assetId\":\"a1\"}")).isEqualTo(new Reply.Image("a1"));
		assertThat(DeliveryStore.reply("miniprogrampage",
				"{\"title\":\"商城\",\"pagePath\":\"pages/index/index\",\"thumbAssetId\":\"a2\"}"))
			.isEqualTo(new Reply.MiniProgramPage("商城", "pages/index/index", "a2"));
		assertThat(DeliveryStore.reply("link",
				"{\"title\":\"下载\",\"description\":null,\"url\":\"https://example.com/app\","
						+ "\"thumbUrl\":null,\"tracked\":true,\"utm\":{\"campaign\":\"spring\",\"source\":\"kefu\"}}"))
			.isEqualTo(new Reply.Link("下载", null, "https://example.com/app", null,
					new Reply.Tracking(Map.of("source", "kefu", "campaign", "spring"))));
	}

	@Test
	void keepsATrackedLinksUtmParametersInTheirOrder() {
		Reply.Link link = new Reply.Link("下载", "安卓和 iOS", "https://example.com/app", null,
				new Reply.Tracking(Map.of("campaign", "spring", "source", "kefu")));

		String stored = DeliveryStore.replyJson(link);
		Reply read = DeliveryStore.reply("link", stored);

		assertThat(read).isEqualTo(link);
		assertThat(((Reply.Link) read).tracking().utm().keySet()).containsExactly("source", "campaign");
		assertThat(stored).contains("\"tracked\":true");
	}

	@Test
	void keepsAnUntrackedLinkWithoutTrackingFields() {
		String stored = DeliveryStore.replyJson(new Reply.Link("下载", null, "https://example.com/app", null));

		assertThat(stored).doesNotContain("tracked").doesNotContain("utm");
	}

}
