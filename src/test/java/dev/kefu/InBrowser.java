package dev.kefu;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import dev.kefu.FakeWeChat.Answer;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a random port, with one headless browser per test class. Every
 * class that extends this shares one application context (and so one in-memory database):
 * tests make their own apps, rules and users with names no other test uses.
 */
// allow-private-networks: the URL checks and image imports of these tests go to servers
// on loopback
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "kefu.media.allow-private-networks=true")
public abstract class InBrowser {

	protected static final String ADMIN = "admin";

	protected static final String ADMIN_PASSWORD = "admin-password-1";

	private static final String DATABASE = TestDatabases.freshH2();

	private static final String SECRETS_KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	protected static Browser browser;

	/** The Token of the apps {@link #newApp} registers, which signs pushes to them. */
	protected static final String APP_TOKEN = "token1234";

	@LocalServerPort
	protected int port;

	@Autowired
	private AppRegistry apps;

	/**
	 * WeChat's API as the application calls it: tokens are issued to every app, and sends
	 * succeed, except that a send to a user whose openid starts with {@code o_dead} is
	 * refused for good (40003, invalid openid), so tests can make dead letters at will.
	 */
	protected static final FakeWeChat WECHAT = fakeWeChat();

	@DynamicPropertySource
	static void application(DynamicPropertyRegistry registry) {
		registry.add("kefu.wechat.api-base-url", WECHAT::baseUrl);
		registry.add("spring.datasource.url", () -> DATABASE);
		registry.add("kefu.admin.username", () -> ADMIN);
		registry.add("kefu.admin.password", () -> ADMIN_PASSWORD);
		registry.add("kefu.secrets.key", () -> SECRETS_KEY);
		registry.add("kefu.data-dir", () -> System.getProperty("java.io.tmpdir") + "/kefu-test-data");
		// every browser test signs in from this one address, in one shared context: only
		// tests
		// of the per-address throttle (LoginThrottleTests) should meet it
		registry.add("kefu.console.max-failed-logins-per-address", () -> "1000");
	}

	private static FakeWeChat fakeWeChat() {
		FakeWeChat wechat = FakeWeChat.start();
		wechat.issueTokensToAnyApp();
		wechat.refuseForGood("o_dead", Answer.errcode(40003));
		Runtime.getRuntime().addShutdownHook(new Thread(wechat::close));
		return wechat;
	}

	@BeforeAll
	static void startBrowser() {
		browser = new Browser();
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@BeforeEach
	void aimBrowser() {
		browser.at("http://localhost:" + this.port);
	}

	@AfterEach
	void wechatSawOnlyWellFormedCalls() {
		assertThat(WECHAT.violations()).isEmpty();
	}

	protected String base() {
		return "http://localhost:" + this.port;
	}

	/**
	 * A request beside the browser, carrying its session cookie but nothing else it would
	 * send.
	 */
	protected HttpResponse<String> postWithSession(String path, String form) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
			.header("Cookie", "JSESSIONID=" + browser.sessionCookie())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Registers an app of its own for a test, under a new AppID, and returns the AppID.
	 * Its pushes are signed with {@link #APP_TOKEN}; the mode is detected per push.
	 */
	protected String newApp(String name) {
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.apps.register(new AppDraft(appId, name, "secret-1", APP_TOKEN,
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
		return appId;
	}

	/**
	 * A plaintext JSON text push from {@code openId} to an app {@link #newApp}
	 * registered, signed as WeChat signs it; kefu must acknowledge it.
	 */
	protected void pushText(String appId, String openId, String text) throws IOException, InterruptedException {
		long now = System.currentTimeMillis() / 1000;
		PushMessage message = new PushMessage("gh_97417a04a28d", openId, now, "text",
				Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits())), null, text, null, null, null, null,
				null, null, null, null, Map.of());
		String nonce = Integer.toString((int) (Math.random() * 1_000_000_000));
		String query = "signature=" + PushSignature.sign(APP_TOKEN, Long.toString(now), nonce) + "&timestamp=" + now
				+ "&nonce=" + nonce + "&openid=" + URLEncoder.encode(openId, StandardCharsets.UTF_8);
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create(base() + "/wechat/" + appId + "?" + query))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(new PushCodec().encode(message, PushFormat.JSON),
						StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

}
