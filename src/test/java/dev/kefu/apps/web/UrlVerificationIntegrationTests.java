package dev.kefu.apps.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kefu.wechat.push.PushSignature;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's "verify URL" against a real socket: it takes the image fetcher's address
 * checks, shows the status but never the body, and signs with a nonce kefu refuses on a
 * push.
 */
class UrlVerificationIntegrationTests {

	private static final String TOKEN = "verifytoken";

	private final List<Map<String, String>> queries = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private volatile int status = 200;

	private volatile String answer;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			Map<String, String> query = new HashMap<>();
			for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
				String[] kv = pair.split("=", 2);
				query.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
			}
			this.queries.add(query);
			byte[] body = ((this.answer != null) ? this.answer : query.get("echostr")).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/wechat/wx0123456789abcdef";
	}

	@Test
	void refusesLoopbackAndPrivateAddressesWithoutRequestingThem() {
		UrlVerification verification = new UrlVerification(Clock.systemUTC(), false);
		for (String url : new String[] { url(), "http://[::1]/x", "http://[::ffff:127.0.0.1]/x", "http://2130706433/x",
				"http://169.254.169.254/latest/meta-data", "http://10.0.0.1/x" }) {
			assertThat(verification.check(url, TOKEN).outcome()).as(url)
				.isEqualTo(UrlVerification.Outcome.PRIVATE_ADDRESS);
		}
		// java.net.URI finds no host in "127.1": refused as not a URL, before any lookup
		assertThat(verification.check("http://127.1/x", TOKEN).outcome()).isEqualTo(UrlVerification.Outcome.BAD_URL);
		assertThat(this.queries).isEmpty();
	}

	@Test
	void verifiesAnAllowedUrlAndSignsWithANonceNoPushAccepts() {
		UrlVerification.Result result = new UrlVerification(Clock.systemUTC(), true).check(url(), TOKEN);
		assertThat(result.outcome()).isEqualTo(UrlVerification.Outcome.VERIFIED);
		Map<String, String> query = this.queries.get(0);
		assertThat(PushSignature.verify(query.get("signature"), TOKEN, query.get("timestamp"), query.get("nonce")))
			.isTrue();
		assertThat(query.get("nonce")).startsWith(PushSignature.CHECK_NONCE_PREFIX);
	}

	@Test
	void showsTheStatusButNeverTheBody() throws Exception {
		this.status = 500;
		this.answer = "internal page: db=10.0.0.5";
		UrlVerification.Result result = new UrlVerification(Clock.systemUTC(), true).check(url(), TOKEN);
		assertThat(result.outcome()).isEqualTo(UrlVerification.Outcome.HTTP_ERROR);
		assertThat(result.status()).isEqualTo(500);
		assertThat(result.toString()).doesNotContain("internal page").doesNotContain("10.0.0.5");
		this.status = 200;
		result = new UrlVerification(Clock.systemUTC(), true).check(url(), TOKEN);
		assertThat(result.outcome()).isEqualTo(UrlVerification.Outcome.WRONG_ECHO);
		assertThat(result.toString()).doesNotContain("internal page");
		assertThat(URI.create(result.url()).getHost()).isEqualTo("127.0.0.1");
	}

}
