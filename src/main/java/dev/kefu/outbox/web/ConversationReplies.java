package dev.kefu.outbox.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.Apps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The outbox's part of a conversation, from its own deliveries ({@code outbox_delivery}):
 * the replies to each of a user's messages, drawn the way WeChat draws them, with their
 * status.
 */
@Controller
class ConversationReplies {

	private static final Map<String, String> BADGES = Map.of("PENDING", "blue", "SENT", "green", "RETRYING", "amber",
			"FAILED", "red", "EXPIRED", "", "SKIPPED_QUOTA", "amber");

	private final Apps apps;

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	ConversationReplies(Apps apps, JdbcClient jdbc) {
		this.apps = apps;
		this.jdbc = jdbc;
	}

	/** One reply part as sent (or not), with the fields the WeChat fragment draws. */
	record Part(String deliveryId, String type, String content, String title, String description, String url,
			String thumbUrl, String assetId, String pagePath, String thumbAssetId, String status, String badge,
			Integer errcode, String errmsg) {
	}

	/** htmx: out-of-band swaps filling each message's replies slot. */
	@GetMapping("/apps/{appId}/conversations/{openId}/replies")
	String replies(@PathVariable String appId, @PathVariable String openId, Model model) {
		if (this.apps.find(appId).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		Map<String, List<Part>> byMessage = new LinkedHashMap<>();
		this.jdbc.sql(
				"SELECT id, message_id, reply_type, reply_json, status, last_errcode, last_errmsg FROM outbox_delivery "
						+ "WHERE app_id = ? AND open_id = ? ORDER BY created_at DESC, part_index LIMIT 1000")
			.params(appId, openId)
			.query((rs, i) -> {
				JsonNode f = this.json.readTree(rs.getString("reply_json"));
				int errcode = rs.getInt("last_errcode");
				Integer code = rs.wasNull() ? null : errcode;
				String status = rs.getString("status");
				byMessage.computeIfAbsent(rs.getString("message_id"), (k) -> new ArrayList<>())
					.add(new Part(rs.getString("id"), rs.getString("reply_type"), text(f, "content"), text(f, "title"),
							text(f, "description"), text(f, "url"), text(f, "thumbUrl"), text(f, "assetId"),
							text(f, "pagePath"), text(f, "thumbAssetId"), status, BADGES.getOrDefault(status, ""), code,
							rs.getString("last_errmsg")));
				return null;
			})
			.list();
		model.addAttribute("appId", appId);
		model.addAttribute("byMessage", byMessage);
		return "outbox/replies :: slots";
	}

	private static String text(JsonNode fields, String name) {
		JsonNode value = fields.get(name);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
