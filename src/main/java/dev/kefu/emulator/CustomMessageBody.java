package dev.kefu.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shape checks WeChat applies to a customer-service send body (wechat-protocol.md
 * §7): valid JSON without {@code \}{@code uXXXX} escapes of non-ASCII characters (40033),
 * a known {@code msgtype} (40008), exactly {@code touser}, {@code msgtype} and that
 * type's object and nothing else (47001), the type's required fields as strings (47001),
 * non-empty text (44004), a {@code touser} (40003).
 *
 * @param toUser the addressed OpenID
 * @param msgType {@code text}, {@code image}, {@code link} or {@code miniprogrampage}
 * @param message the msgtype's object
 */
record CustomMessageBody(String toUser, String msgType, JsonNode message) {

	private static final Set<String> MESSAGE_TYPES = Set.of("text", "image", "link", "miniprogrampage");

	static CustomMessageBody parse(byte[] body, JsonMapper json) {
		JsonNode root = tree(body, json);
		JsonNode msgType = root.get("msgtype");
		if (msgType == null || !msgType.isString() || !MESSAGE_TYPES.contains(msgType.stringValue())) {
			throw new Refusal(WechatError.INVALID_MESSAGE_TYPE);
		}
		String type = msgType.stringValue();
		for (String field : root.propertyNames()) {
			if (!field.equals("touser") && !field.equals("msgtype") && !field.equals(type)) {
				throw new Refusal(WechatError.DATA_FORMAT);
			}
		}
		JsonNode message = root.get(type);
		if (message == null || !message.isObject()) {
			throw new Refusal(WechatError.DATA_FORMAT);
		}
		switch (type) {
			case "text" -> {
				if (string(message, "content", false).orElseThrow().isBlank()) {
					throw new Refusal(WechatError.EMPTY_CONTENT);
				}
			}
			case "image" -> require(message, "media_id");
			case "link" -> {
				require(message, "title");
				require(message, "url");
				string(message, "description", true);
				string(message, "thumb_url", true);
			}
			case "miniprogrampage" -> {
				require(message, "title");
				require(message, "pagepath");
				require(message, "thumb_media_id");
			}
			default -> throw new Refusal(WechatError.INVALID_MESSAGE_TYPE);
		}
		JsonNode toUser = root.get("touser");
		if (toUser == null || !toUser.isString() || toUser.stringValue().isBlank()) {
			throw new Refusal(WechatError.INVALID_OPENID);
		}
		return new CustomMessageBody(toUser.stringValue(), type, message);
	}

	String field(String name) {
		JsonNode value = this.message.get(name);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/**
	 * Reads a JSON object, refusing non-ASCII written as {@code \}{@code uXXXX} escapes.
	 */
	static JsonNode tree(byte[] body, JsonMapper json) {
		if (body == null || body.length == 0) {
			throw new Refusal(WechatError.DATA_FORMAT);
		}
		if (escapesNonAscii(new String(body, StandardCharsets.UTF_8))) {
			throw new Refusal(WechatError.INVALID_CHARSET);
		}
		try {
			JsonNode root = json.readTree(body);
			if (root == null || !root.isObject()) {
				throw new Refusal(WechatError.DATA_FORMAT);
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new Refusal(WechatError.DATA_FORMAT);
		}
	}

	static boolean escapesNonAscii(String body) {
		for (int i = 0; i < body.length() - 1; i++) {
			if (body.charAt(i) != '\\') {
				continue;
			}
			char next = body.charAt(i + 1);
			if (next == 'u' && i + 6 <= body.length()) {
				try {
					if (Integer.parseInt(body, i + 2, i + 6, 16) >= 0x80) {
						return true;
					}
				}
				catch (NumberFormatException ex) {
					// not an escape; the JSON parser refuses it
				}
			}
			i++; // skip the escaped character, so "\\u00e9" (an escaped backslash) is not
					// an escape
		}
		return false;
	}

	private static void require(JsonNode message, String field) {
		if (string(message, field, false).filter((value) -> !value.isBlank()).isEmpty()) {
			throw new Refusal(WechatError.DATA_FORMAT);
		}
	}

	private static Optional<String> string(JsonNode message, String field, boolean optional) {
		JsonNode value = message.get(field);
		if (value == null || value.isNull()) {
			if (optional) {
				return Optional.empty();
			}
			throw new Refusal(WechatError.DATA_FORMAT);
		}
		if (!value.isString()) {
			throw new Refusal(WechatError.DATA_FORMAT);
		}
		return Optional.of(value.stringValue());
	}

}
