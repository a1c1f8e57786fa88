package dev.kefu.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import dev.kefu.wechat.push.PushSignature;

/**
 * WeChat's server URL verification (服务器地址校验, wechat-protocol.md §2): a signed GET with an
 * {@code echostr} that the server must answer with exactly that string — raw, not quoted,
 * no trailing newline. The result is worded like WeChat's admin console, with the reason
 * for the developer: the status and the length of the answer, never its content.
 */
@Component
class UrlVerifier {

	/**
	 * @param ok whether WeChat's console would accept the URL
	 * @param console what WeChat's console says
	 * @param detail why, for the developer
	 * @param note anything else WeChat would object to (e.g. a port other than 80/443)
	 */
	record Verification(boolean ok, String console, String detail, String note) {
	}

	private final SecureRandom random = new SecureRandom();

	private final HttpClient http;

	private final EmulatorProperties properties;

	private final EmulatorTime time;

	UrlVerifier(EmulatorProperties properties, EmulatorTime time) {
		this.properties = properties;
		this.time = time;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.pushTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	CompletableFuture<Verification> verify(URI url, String token) {
		String timestamp = Long.toString(this.time.wallClock().getEpochSecond());
		String nonce = Long.toString(1_000_000_000L + this.random.nextLong(9_000_000_000L));
		String echostr = Long.toString(1_000_000_000_000_000_000L + this.random.nextLong(8_000_000_000_000_000_000L));
		URI uri = UriComponentsBuilder.fromUri(url)
			.queryParam("signature", PushSignature.sign(token, timestamp, nonce))
			.queryParam("echostr", echostr)
			.queryParam("timestamp", timestamp)
			.queryParam("nonce", nonce)
			.encode()
			.build()
			.toUri();
		String note = Pusher.wechatWouldAccept(url) ? null
				: "WeChat only accepts http on port 80 and https on port 443; this URL would be refused there.";
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(this.properties.pushTimeout()).GET().build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
			if (failure != null) {
				Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
				return new Verification(false, "请求URL超时 (the URL did not answer)", Pusher.describe(cause), note);
			}
			String body = new String(response.body(), StandardCharsets.UTF_8);
			if (response.statusCode() != 200) {
				return new Verification(false, "Token验证失败 (token verification failed)",
						"the URL answered HTTP " + response.statusCode(), note);
			}
			if (!body.equals(echostr)) {
				return new Verification(false, "Token验证失败 (token verification failed)",
						"the URL answered HTTP 200 with " + response.body().length
								+ " bytes, not exactly the echostr (raw, not quoted, no newline)",
						note);
			}
			return new Verification(true, "提交成功 (submitted)", "the URL echoed the echostr", note);
		});
	}

}
