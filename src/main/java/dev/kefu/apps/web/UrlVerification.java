package dev.kefu.apps.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import dev.kefu.PublicAddresses;
import dev.kefu.wechat.push.PushSignature;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * WeChat's check of a message push URL, done from kefu: a GET with {@code signature},
 * {@code timestamp}, {@code nonce} and {@code echostr}, which the server must answer with
 * the {@code echostr} alone. What it finds is put the way WeChat's admin console would
 * put it.
 * <p>
 * It is a request kefu makes to a URL an operator types, so it takes the image fetcher's
 * precautions: every address the host resolves to must be public unless
 * {@code kefu.media.allow-private-networks}, no redirect is followed, and only the status
 * (and whether the answer was the echo) is shown, never the answer's body. Its signature
 * cannot be replayed as a push: its nonce carries
 * {@link PushSignature#CHECK_NONCE_PREFIX}, which kefu's callback refuses on a POST.
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

		/**
		 * The host is on a loopback or private network, and
		 * kefu.media.allow-private-networks is off.
		 */
		PRIVATE_ADDRESS,

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
	 */
	record Result(Outcome outcome, String url, int status) {

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

	private final boolean allowPrivateNetworks;

	UrlVerification(Clock clock, @Value("${kefu.media.allow-private-networks:false}") boolean allowPrivateNetworks) {
		this.clock = clock;
		this.allowPrivateNetworks = allowPrivateNetworks;
	}

	Result check(String url, String token) {
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			return new Result(Outcome.BAD_URL, url, 0);
		}
		if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
				|| uri.getHost() == null) {
			return new Result(Outcome.BAD_URL, url, 0);
		}
		if (uri.getRawUserInfo() != null) {
			return new Result(Outcome.BAD_URL, url, 0);
		}
		Outcome unreachable = checkAddresses(uri.getHost());
		if (unreachable != null) {
			return new Result(unreachable, url, 0);
		}
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		String nonce = PushSignature.CHECK_NONCE_PREFIX + Integer.toUnsignedLong(this.random.nextInt());
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
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			byte[] body;
			try (InputStream in = response.body()) {
				// enough to compare with the echo; the rest is never read
				body = in.readNBytes(echostr.length() + 8);
			}
			if (response.statusCode() != 200) {
				return new Result(Outcome.HTTP_ERROR, url, response.statusCode());
			}
			boolean echoed = new String(body, StandardCharsets.UTF_8).strip().equals(echostr);
			return new Result(echoed ? Outcome.VERIFIED : Outcome.WRONG_ECHO, url, 200);
		}
		catch (HttpTimeoutException ex) {
			return new Result(Outcome.TIMEOUT, url, 0);
		}
		catch (IOException ex) {
			return new Result(Outcome.UNREACHABLE, url, 0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(Outcome.UNREACHABLE, url, 0);
		}
	}

	/** {@code null} when every address of {@code host} may be reached, else why not. */
	private Outcome checkAddresses(String host) {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			return Outcome.UNREACHABLE;
		}
		if (addresses.length == 0) {
			return Outcome.UNREACHABLE;
		}
		if (this.allowPrivateNetworks) {
			return null;
		}
		for (InetAddress address : addresses) {
			if (!PublicAddresses.isPublic(address)) {
				return Outcome.PRIVATE_ADDRESS;
			}
		}
		return null;
	}

}
