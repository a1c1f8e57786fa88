package dev.kefu;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.kefu.FakeWeChat.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

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

	@LocalServerPort
	protected int port;

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

}
