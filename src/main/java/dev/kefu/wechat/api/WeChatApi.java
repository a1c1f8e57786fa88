package dev.kefu.wechat.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The customer-service calls kefu makes to WeChat, each with the app's shared access
 * token. A call whose token WeChat rejects (40001, 40014, 42001) expires that token if it
 * is still current, fetches a new one and is retried once.
 * <p>
 * Thread-safe. Calls block while WeChat answers (at most the connect plus read timeouts,
 * or a token refresh): use them from worker threads, never while holding a database
 * transaction.
 */
public class WeChatApi {

	private final WeChatHttp http;

	private final AccessTokens tokens;

	private final MeterRegistry meters;

	private final Map<String, Counter> calls = new ConcurrentHashMap<>();

	WeChatApi(WeChatHttp http, AccessTokens tokens, MeterRegistry meters) {
		this.http = http;
		this.tokens = tokens;
		this.meters = meters;
	}

	/**
	 * customerServiceMessage.send: sends one message to a user.
	 *
	 * @see <a href=
	 * "https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/kf-mgnt/kf-message/sendCustomMessage.html">sendCustomMessage</a>
	 */
	public ApiResult<Void> send(AppCredentials app, String openId, CustomerServiceMessage message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("touser", openId);
		body.put("msgtype", message.msgType());
		body.put(message.msgType(), message.wireObject());
		return withToken(app, "send",
				(token) -> this.http.postJson(app, "/cgi-bin/message/custom/send", query(token), body))
			.map((json) -> null);
	}

	/**
	 * customerServiceMessage.setTyping: shows or hides "typing…" to the user for up to 15
	 * s.
	 *
	 * @see <a href=
	 * "https://developers.weixin.qq.com/miniprogram/en/dev/api-backend/open-api/customer-message/customerServiceMessage.setTyping.html">setTyping</a>
	 */
	public ApiResult<Void> setTyping(AppCredentials app, String openId, TypingCommand command) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("touser", openId);
		body.put("command", command.wireName());
		return withToken(app, "typing",
				(token) -> this.http.postJson(app, "/cgi-bin/message/custom/typing", query(token), body))
			.map((json) -> null);
	}

	/**
	 * customerServiceMessage.uploadTempMedia: uploads an image; WeChat keeps it three
	 * days.
	 *
	 * @see <a href=
	 * "https://developers.weixin.qq.com/miniprogram/en/dev/api-backend/open-api/customer-message/customerServiceMessage.uploadTempMedia.html">uploadTempMedia</a>
	 */
	public ApiResult<TempMedia> uploadTempMedia(AppCredentials app, String fileName, String contentType,
			byte[] content) {
		return withToken(app, "upload", (token) -> {
			Map<String, String> query = new LinkedHashMap<>(query(token));
			query.put("type", "image");
			return this.http.postMultipart(app, "/cgi-bin/media/upload", query, "media", fileName, contentType,
					content);
		}).flatMap(WeChatApi::tempMedia);
	}

	private ApiResult<JsonNode> withToken(AppCredentials app, String api, Function<String, ApiResult<JsonNode>> call) {
		ApiResult<String> token = this.tokens.token(app);
		if (!token.isOk()) {
			return count(api, ApiResult.failed(token.error()));
		}
		ApiResult<JsonNode> answer = count(api, checked(call.apply(token.value())));
		if (answer.isOk() || answer.error().kind() != ApiError.Kind.TOKEN_INVALID) {
			return answer;
		}
		this.tokens.expire(app, token.value());
		ApiResult<String> renewed = this.tokens.token(app);
		if (!renewed.isOk()) {
			return count(api, ApiResult.failed(renewed.error()));
		}
		return count(api, checked(call.apply(renewed.value())));
	}

	/** A 2xx answer is a success only with {@code errcode} 0 (or none). */
	private static ApiResult<JsonNode> checked(ApiResult<JsonNode> answer) {
		if (!answer.isOk()) {
			return answer;
		}
		int errcode = answer.value().path("errcode").asInt(0);
		return (errcode == 0) ? answer
				: ApiResult.failed(ApiError.of(errcode, answer.value().path("errmsg").asString("")));
	}

	private ApiResult<JsonNode> count(String api, ApiResult<JsonNode> answer) {
		String errcode = answer.isOk() ? "0" : answer.error().errcodeTag();
		String kind = answer.isOk() ? "OK" : answer.error().kind().name();
		// Looked up once per combination: a registry lookup on every call costs more than
		// the count.
		this.calls
			.computeIfAbsent(api + ' ' + errcode + ' ' + kind,
					(key) -> this.meters.counter("kefu.wechat.api.calls", "api", api, "errcode", errcode, "kind", kind))
			.increment();
		return answer;
	}

	private static Map<String, String> query(String token) {
		return Map.of("access_token", token);
	}

	private static ApiResult<TempMedia> tempMedia(JsonNode body) {
		String mediaId = body.path("media_id").asString("");
		if (mediaId.isEmpty()) {
			return ApiResult.failed(new ApiError(ApiError.Kind.PERMANENT, null, "upload answered without a media_id"));
		}
		// created_at is documented as a number and seen as a string in some examples.
		long seconds = body.path("created_at").asLong(0);
		return ApiResult.ok(new TempMedia(mediaId, (seconds > 0) ? Instant.ofEpochSecond(seconds) : null));
	}

}
