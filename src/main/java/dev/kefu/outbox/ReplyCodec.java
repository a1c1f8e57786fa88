package dev.kefu.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.kefu.rules.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a reply part is kept in {@code outbox_delivery.reply_json}. A tracked link or text adds
 * {@code "tracked": true} and its {@code "utm"} parameters; a part stored without them (any
 * stored before links were tracked) is sent as it is.
 */
final class ReplyCodec {

	private final JsonMapper json = JsonMapper.builder().build();

	static String type(Reply reply) {
		if (reply instanceof Reply.Text) {
			return "text";
		}
		if (reply instanceof Reply.Link) {
			return "link";
		}
		if (reply instanceof Reply.Image) {
			return "image";
		}
		return "miniprogrampage";
	}

	String encode(Reply reply) {
		Map<String, Object> fields = new LinkedHashMap<>();
		if (reply instanceof Reply.Text text) {
			fields.put("content", text.content());
			if (text.tracking() != null) {
				fields.put("tracked", true);
				fields.put("utm", text.tracking().utm());
			}
		}
		else if (reply instanceof Reply.Link link) {
			fields.put("title", link.title());
			fields.put("description", link.description());
			fields.put("url", link.url());
			fields.put("thumbUrl", link.thumbUrl());
			if (link.tracking() != null) {
				fields.put("tracked", true);
				fields.put("utm", link.tracking().utm());
			}
		}
		else if (reply instanceof Reply.Image image) {
			fields.put("assetId", image.assetId());
		}
		else if (reply instanceof Reply.MiniProgramPage page) {
			fields.put("title", page.title());
			fields.put("pagePath", page.pagePath());
			fields.put("thumbAssetId", page.thumbAssetId());
			if (page.tracking() != null) {
				fields.put("tracked", true);
			}
		}
		return this.json.writeValueAsString(fields);
	}

	Reply decode(String type, String encoded) {
		JsonNode fields = this.json.readTree(encoded);
		return switch (type) {
			case "text" -> new Reply.Text(text(fields, "content"), tracking(fields));
			case "link" -> new Reply.Link(text(fields, "title"), text(fields, "description"), text(fields, "url"),
					text(fields, "thumbUrl"), tracking(fields));
			case "image" -> new Reply.Image(text(fields, "assetId"));
			case "miniprogrampage" -> new Reply.MiniProgramPage(text(fields, "title"), text(fields, "pagePath"),
					text(fields, "thumbAssetId"), tracking(fields));
			default -> throw new IllegalArgumentException("unknown reply type " + type);
		};
	}

	private static Reply.Tracking tracking(JsonNode fields) {
		JsonNode tracked = fields.get("tracked");
		if (tracked == null || !tracked.asBoolean(false)) {
			return null;
		}
		Map<String, String> utm = new LinkedHashMap<>();
		JsonNode given = fields.get("utm");
		if (given != null && given.isObject()) {
			for (String name : Reply.Tracking.UTM_NAMES) {
				String value = text(given, name);
				if (value != null) {
					utm.put(name, value);
				}
			}
		}
		return new Reply.Tracking(utm);
	}

	private static String text(JsonNode fields, String name) {
		JsonNode value = fields.get(name);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
