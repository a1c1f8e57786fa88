package dev.kefu.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emulated access-token endpoints (wechat-protocol.md §9).
 *
 * @see <a href=
 * "https://mp.weixin.qq.com/debug/minigame/dev/api-backend/auth.getAccessToken.html">auth.getAccessToken</a>
 * @see <a href=
 * "https://developers.weixin.qq.com/minigame/dev/api-backend/open-api/access-token/auth.getStableAccessToken.html">getStableAccessToken</a>
 */
@RestController
@RequestMapping("/emulator/api/cgi-bin")
class TokenEndpoint {

	private final ApiAnswers answers;

	private final EmulatedApps apps;

	private final TokenIssuer tokens;

	private final JsonMapper json;

	TokenEndpoint(ApiAnswers answers, EmulatedApps apps, TokenIssuer tokens, JsonMapper json) {
		this.answers = answers;
		this.apps = apps;
		this.tokens = tokens;
		this.json = json;
	}

	/** {@code GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=…} */
	@GetMapping("/token")
	CompletableFuture<ResponseEntity<Object>> token(
			@RequestParam(name = "grant_type", required = false) String grantType,
			@RequestParam(name = "appid", required = false) String appId,
			@RequestParam(name = "secret", required = false) String secret) {
		return this.answers.answer(Faults.Api.TOKEN, (call) -> {
			authenticate(call, grantType, appId, secret);
			return granted(this.tokens.fetch(appId));
		});
	}

	/** {@code POST /cgi-bin/stable_token} with a JSON body only. */
	@PostMapping("/stable_token")
	CompletableFuture<ResponseEntity<Object>> stableToken(@RequestBody(required = false) byte[] body) {
		return this.answers.answer(Faults.Api.STABLE_TOKEN, (call) -> {
			JsonNode request = parse(body);
			String appId = text(request, "appid");
			authenticate(call, text(request, "grant_type"), appId, text(request, "secret"));
			JsonNode force = request.get("force_refresh");
			if (force != null && !force.isBoolean() && !force.isNull()) {
				throw new Refusal(WechatError.DATA_FORMAT);
			}
			return granted(this.tokens.stable(appId, force != null && force.booleanValue(false)));
		});
	}

	private void authenticate(ApiAnswers.Call call, String grantType, String appId, String secret) {
		if (!"client_credential".equals(grantType)) {
			throw new Refusal(WechatError.INVALID_GRANT_TYPE);
		}
		EmulatedApp app = this.apps.find(appId).orElseThrow(() -> new Refusal(WechatError.INVALID_APPID));
		call.app(app.appId());
		if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
				app.secret().getBytes(StandardCharsets.UTF_8))) {
			throw new Refusal(WechatError.INVALID_SECRET);
		}
	}

	private JsonNode parse(byte[] body) {
		try {
			JsonNode node = (body != null) ? this.json.readTree(body) : null;
			if (node == null || !node.isObject()) {
				throw new Refusal(WechatError.DATA_FORMAT);
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new Refusal(WechatError.DATA_FORMAT);
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static ResponseEntity<Object> granted(TokenIssuer.Grant grant) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", grant.accessToken());
		body.put("expires_in", grant.expiresIn());
		return ApiAnswers.ok(body);
	}

}
