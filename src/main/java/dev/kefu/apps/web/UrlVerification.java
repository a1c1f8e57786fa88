package dev.kefu.apps.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import dev.kefu.wechat.push.PushSignature;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * WeChat's check of a message push URL, done from kefu: a GET with {@code signature},
 * {@code timestamp}, {@code nonce} and {@code echostr}, which the server must answer with the
 * {@code echostr} alone. What it finds is put the way WeChat's admin console would put it.
 *
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html">Message
 * push</a>
 */
@Component
class UrlVerification {

	/** What the check found. */
	enum Outcome {

		/** The server echoed {@code echostr}: WeChat would accept the URL. */
		VERIFIED,

		/** Not an http(s) URL. */
		BAD_URL,

		/** No answer: refused, unknown host, no route. */
		UNREACHABLE,

		/** No answer within the time WeChat waits. */
		TIMEOUT,

		/** An answer that is not 200 (e.g. a 403 for a wrong Token). */
		HTTP_ERROR,

		/** A 200 whose body is not the {@code echostr}. */
		WRONG_ECHO

	}

	/**
	 * @param outcome what the check found
	 * @param url the URL checked
	 * @param status the HTTP status, or 0 without an answer
	 * @param body the start of the answer (at most 200 characters), for the operator to see
	 */
	record Result(Outcome outcome, String url, int status, String body) {

		public boolean verified() {
			return this.outcome == Outcome.VERIFIED;
		}

	}

	/** WeChat gives up after about 5 seconds. */
	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(3))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	UrlVerification(Clock clock) {
		this.clock = clock;
	}

	Result check(String url, String token) {
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			return new Result(Outcome.BAD_URL, url, 0, null);
		}
		if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
				|| uri.getHost() == null) {
			return new Result(Outcome.BAD_URL, url, 0, null);
		}
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		String nonce = Long.toString(Integer.toUnsignedLong(this.random.nextInt()));
		byte[] echo = new byte[9];
		this.random.nextBytes(echo);
		String echostr = HexFormat.of().formatHex(echo);
		URI signed = UriComponentsBuilder.fromUri(uri)
			.queryParam("signature", PushSignature.sign(token, timestamp, nonce))
			.queryParam("timestamp", timestamp)
			.queryParam("nonce", nonce)
			.queryParam("echostr", echostr)
			.build(true)
			.toUri();
		HttpRequest request = HttpRequest.newBuilder(signed).timeout(TIMEOUT).GET().build();
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			String body = response.body();
			String shown = (body.length() > 200) ? body.substring(0, 200) : body;
			if (response.statusCode() != 200) {
				return new Result(Outcome.HTTP_ERROR, url, response.statusCode(), shown);
			}
			return new Result(body.strip().equals(echostr) ? Outcome.VERIFIED : Outcome.WRONG_ECHO, url, 200, shown);
		}
		catch (HttpTimeoutException ex) {
			return new Result(Outcome.TIMEOUT, url, 0, null);
		}
		catch (IOException ex) {
			return new Result(Outcome.UNREACHABLE, url, 0, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(Outcome.UNREACHABLE, url, 0, null);
		}
	}

}
