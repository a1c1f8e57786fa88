package dev.kefu.emulator;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emulated customer-service send and typing APIs (wechat-protocol.md §7–§8). An
 * accepted reply appears in the user's chat; a refused one shows there as a refusal.
 * <p>
 * The body is read as raw bytes before the query parameters, so a client that labels its
 * JSON as a form (e.g. {@code curl -d}) is still judged on its JSON: WeChat ignores the
 * content type.
 *
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/kf-mgnt/kf-message/sendCustomMessage.html">sendCustomMessage</a>
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/en/dev/api-backend/open-api/customer-message/customerServiceMessage.setTyping.html">setTyping</a>
 */
@RestController
@RequestMapping("/emulator/api/cgi-bin/message/custom")
class CustomMessageEndpoint {

	private static final int MAX_BODY = 1024 * 1024;

	private final ApiAnswers answers;

	private final EmulatedApps apps;

	private final TokenIssuer tokens;

	private final Conversations conversations;

	private final TemporaryMedia media;

	private final EmulatorTime time;

	private final JsonMapper json;

	CustomMessageEndpoint(ApiAnswers answers, EmulatedApps apps, TokenIssuer tokens, Conversations conversations,
			TemporaryMedia media, EmulatorTime time, JsonMapper json) {
		this.answers = answers;
		this.apps = apps;
		this.tokens = tokens;
		this.conversations = conversations;
		this.media = media;
		this.time = time;
		this.json = json;
	}

	/** {@code POST /cgi-bin/message/custom/send?access_token=…} */
	@PostMapping("/send")
	CompletableFuture<ResponseEntity<Object>> send(HttpServletRequest request) throws IOException {
		byte[] body = body(request);
		String accessToken = request.getParameter("access_token");
		return this.answers.answer(Faults.Api.SEND, (call) -> attribute(call, accessToken, body), (call) -> {
			String appId = call.app(this.tokens.appOf(accessToken));
			CustomMessageBody message = CustomMessageBody.parse(body, this.json);
			Conversation conversation = call.user(this.conversations.addressed(appId, message.toUser()));
			conversation.reply(reply(appId, message, this.time.now()));
			return ApiAnswers.ok(ApiAnswers.okBody());
		});
	}

	/** {@code POST /cgi-bin/message/custom/typing?access_token=…} */
	@PostMapping("/typing")
	CompletableFuture<ResponseEntity<Object>> typing(HttpServletRequest request) throws IOException {
		byte[] body = body(request);
		String accessToken = request.getParameter("access_token");
		return this.answers.answer(Faults.Api.TYPING, (call) -> attribute(call, accessToken, body), (call) -> {
			String appId = call.app(this.tokens.appOf(accessToken));
			JsonNode typing = CustomMessageBody.tree(body, this.json);
			JsonNode command = typing.get("command");
			String commandName = (command != null && command.isString()) ? command.stringValue() : "";
			if (!commandName.equals("Typing") && !commandName.equals("CancelTyping")) {
				throw new Refusal(WechatError.INVALID_COMMAND);
			}
			JsonNode toUser = typing.get("touser");
			Conversation conversation = call.user(this.conversations.addressed(appId,
					(toUser != null && toUser.isString()) ? toUser.stringValue() : null));
			conversation.typing(commandName.equals("Typing"), this.time.now());
			return ApiAnswers.ok(ApiAnswers.okBody());
		});
	}

	/**
	 * The raw body, read before any parameter: a body labelled as a form would otherwise
	 * be parsed as one, and WeChat ignores the content type.
	 */
	private static byte[] body(HttpServletRequest request) throws IOException {
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		return (body.length > MAX_BODY) ? new byte[0] : body;
	}

	private ChatEntry reply(String appId, CustomMessageBody message, Instant now) {
		return switch (message.msgType()) {
			case "text" -> new ChatEntry.ReplyText(now, LinkedText.parse(message.field("content")));
			case "image" ->
				new ChatEntry.ReplyImage(now, this.media.usable(appId, message.field("media_id")).mediaId());
			case "link" -> new ChatEntry.ReplyLink(now, message.field("title"), message.field("description"),
					message.field("url"), message.field("thumb_url"));
			case "miniprogrampage" -> new ChatEntry.ReplyMiniProgram(now, message.field("title"),
					message.field("pagepath"), this.media.usable(appId, message.field("thumb_media_id")).mediaId(),
					this.apps.find(appId).map(EmulatedApp::name).orElse(appId));
			default -> throw new Refusal(WechatError.INVALID_MESSAGE_TYPE);
		};
	}

	/** Best effort: which app and user a call is about, before any check refuses it. */
	private void attribute(ApiAnswers.Call call, String accessToken, byte[] body) {
		String appId = call.app(this.tokens.appOf(accessToken));
		try {
			JsonNode toUser = this.json.readTree(body).get("touser");
			if (toUser != null && toUser.isString()) {
				this.conversations.find(appId, toUser.stringValue()).ifPresent(call::user);
			}
		}
		catch (RuntimeException ex) {
			// a malformed body is refused by the handler
		}
	}

}
