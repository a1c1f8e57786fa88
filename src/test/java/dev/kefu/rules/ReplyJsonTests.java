package dev.kefu.rules;

import java.util.List;
import java.util.Map;

import dev.kefu.rules.RuleDocument.ReplyItem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link Reply} has one JSON shape, the reply items of the rules' REST API, in any
 * Jackson mapper; the rules' reply items are turned into replies and back through it.
 */
class ReplyJsonTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<Reply> EVERY_KIND = List.of(new Reply.Text("你好"),
			new Reply.Link("下载", "安卓和 iOS", "https://example.com/app", "https://example.com/t.png"),
			new Reply.Link("下载", null, "https://example.com/app", null, Reply.Tracking.plain()),
			new Reply.Link("下载", null, "https://example.com/app", null,
					new Reply.Tracking(Map.of("campaign", "spring", "source", "kefu"))),
			new Reply.Image("asset-1"), new Reply.MiniProgramPage("商城", "pages/index/index", "asset-2"));

	@Test
	void writesTheShapeOfTheRulesApi() {
		assertThat(tree(new Reply.Text("你好"))).isEqualTo(tree("{\"type\":\"text\",\"content\":\"你好\"}"));
		assertThat(tree(new Reply.Link("下载", null, "https://example.com/app", null)))
			.isEqualTo(tree("{\"type\":\"link\",\"title\":\"下载\",\"url\":\"https://example.com/app\"}"));
		assertThat(tree(new Reply.Link("下载", null, "https://example.com/app", null,
				new Reply.Tracking(Map.of("source", "kefu")))))
			.isEqualTo(tree("{\"type\":\"link\",\"title\":\"下载\",\"url\":\"https://example.com/app\","
					+ "\"tracked\":true,\"utm\":{\"source\":\"kefu\"}}"));
		assertThat(tree(new Reply.Image("asset-1"))).isEqualTo(tree("{\"type\":\"image\",\"assetId\":\"asset-1\"}"));
		assertThat(tree(new Reply.MiniProgramPage("商城", "pages/index/index", "asset-2")))
			.isEqualTo(tree("{\"type\":\"miniprogrampage\",\"title\":\"商城\",\"pagePath\":\"pages/index/index\","
					+ "\"thumbAssetId\":\"asset-2\"}"));
	}

	@Test
	void readsBackWhatItWrites() {
		for (Reply reply : EVERY_KIND) {
			assertThat(JSON.readValue(JSON.writeValueAsString(reply), Reply.class)).isEqualTo(reply);
		}
	}

	@Test
	void namesItsTypeAsTheJsonDoes() {
		for (Reply reply : EVERY_KIND) {
			assertThat(reply.type()).isEqualTo(tree(reply).get("type").asString());
		}
	}

	@Test
	void ruleReplyItemsAreTheSameShape() {
		for (Reply reply : EVERY_KIND) {
			ReplyItem item = ReplyItem.of(new RulePart.Send(reply));
			assertThat((JsonNode) JSON.valueToTree(item)).isEqualTo(tree(reply));
			assertThat(item.part()).isEqualTo(new RulePart.Send(reply));
		}
		assertThat(ReplyItem.of(new RulePart.Transfer()).part()).isEqualTo(new RulePart.Transfer());
	}

	@Test
	void readsATypeInAnyCaseFromARuleReplyItem() {
		assertThat(new ReplyItem("TEXT", "你好", null, null, null, null, null, null, null).part())
			.isEqualTo(new RulePart.Send(new Reply.Text("你好")));
		assertThat(new ReplyItem("Transfer", null, null, null, null, null, null, null, null).part())
			.isEqualTo(new RulePart.Transfer());
	}

	private static JsonNode tree(Reply reply) {
		return JSON.valueToTree(reply);
	}

	private static JsonNode tree(String json) {
		return JSON.readTree(json);
	}

}
