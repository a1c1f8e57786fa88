package dev.kefu.wechat.api;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kefu.MutableClock;
import dev.kefu.cluster.LeaseReleases;
import dev.kefu.wechat.api.ApiError.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API client against WireMock on a real socket. WireMock, not the {@code FakeWeChat}
 * of the other tests, because these tests check the client's wire behaviour itself: the
 * exact bytes of each request, and its answer to raw faults (HTTP statuses, non-JSON
 * bodies, read timeouts, reset connections) that the strict fakes never produce.
 */
class WeChatApiTests {

	static final AppCredentials APP = new AppCredentials("wx0000000000000001", "app-secret-not-for-logs");

	static final String SEND = "/cgi-bin/message/custom/send";

	static final String STABLE_TOKEN = "/cgi-bin/stable_token";

	@RegisterExtension
	static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	final MutableClock clock = new MutableClock();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	WeChatApi api() {
		return api(Set.of(), TokenTables.freshH2());
	}

	WeChatApi api(Set<String> classicTokenApps, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		return api(classicTokenApps, jdbc, Duration.ofSeconds(5));
	}

	WeChatApi api(Set<String> classicTokenApps, org.springframework.jdbc.core.simple.JdbcClient jdbc,
			Duration readTimeout) {
		WeChatProperties properties = new WeChatProperties(URI.create(wechat.baseUrl()), Duration.ofSeconds(2),
				readTimeout, classicTokenApps, null);
		WeChatHttp http = new WeChatHttp(properties.apiBaseUrl(), properties::sandboxApiBaseUrl,
				properties.connectTimeout(), properties.readTimeout());
		TokenStore store = new JdbcTokenStore(jdbc, this.clock);
		return new WeChatApi(http,
				new AccessTokens(http, store, properties, new LeaseReleases(), this.clock, this.meters), this.meters);
	}

	static void tokenIs(String token) {
		wechat
			.stubFor(post(STABLE_TOKEN).willReturn(okJson("{\"access_token\":\"" + token + "\",\"expires_in\":7200}")));
	}

	static void sendAnswers(String body) {
		wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(okJson(body)));
	}

	@Test
	void sendsEachMessageTypeWithOnlyItsObject() {
		tokenIs("TOKEN-1");
		sendAnswers("{\"errcode\":0,\"errmsg\":\"ok\"}");
		WeChatApi api = api();

		assertThat(api.send(APP, "o-user", new CustomerServiceMessage.Text("Hello World")).isOk()).isTrue();
		assertThat(api.send(APP, "o-user", new CustomerServiceMessage.Image("MEDIA_ID")).isOk()).isTrue();
		assertThat(api
			.send(APP, "o-user",
					new CustomerServiceMessage.Link("Happy Day", "Is Really A Happy Day", "https://example.com/a?b=c",
							"https://example.com/t.png"))
			.isOk()).isTrue();
		assertThat(api
			.send(APP, "o-user",
					new CustomerServiceMessage.MiniProgramPage("title", "pages/index/index?foo=bar", "THUMB_MEDIA_ID"))
			.isOk()).isTrue();

		List<String> bodies = wechat.findAll(postRequestedFor(urlPathEqualTo(SEND)))
			.stream()
			.map(LoggedRequest::getBodyAsString)
			.toList();
		assertThat(bodies).hasSize(4);
		assertThat(bodies.get(0))
			.isEqualTo("{\"touser\":\"o-user\",\"msgtype\":\"text\",\"text\":{\"content\":\"Hello World\"}}");
		assertThat(bodies.get(1))
			.isEqualTo("{\"touser\":\"o-user\",\"msgtype\":\"image\",\"image\":{\"media_id\":\"MEDIA_ID\"}}");
		assertThat(bodies.get(2))
			.isEqualTo("{\"touser\":\"o-user\",\"msgtype\":\"link\",\"link\":{\"title\":\"Happy Day\","
					+ "\"description\":\"Is Really A Happy Day\",\"url\":\"https://example.com/a?b=c\","
					+ "\"thumb_url\":\"https://example.com/t.png\"}}");
		assertThat(bodies.get(3))
			.isEqualTo("{\"touser\":\"o-user\",\"msgtype\":\"miniprogrampage\",\"miniprogrampage\":"
					+ "{\"title\":\"title\",\"pagepath\":\"pages/index/index?foo=bar\",\"thumb_media_id\":\"THUMB_MEDIA_ID\"}}");
		wechat.verify(4, postRequestedFor(urlPathEqualTo(SEND)).withQueryParam("access_token", equalTo("TOKEN-1"))
			.withHeader("Content-Type", containing("application/json")));
	}

	@Test
	void sendsNonAsciiTextAsUtf8WithoutUnicodeEscapes() {
		tokenIs("TOKEN-1");
		sendAnswers("{\"errcode\":0,\"errmsg\":\"ok\"}");
		String content = "下载APP <a href=\"https://example.com/?a=1&b=2\">点我</a> 😀";

		assertThat(api().send(APP, "o-user", new CustomerServiceMessage.Text(content)).isOk()).isTrue();

		byte[] body = wechat.findAll(postRequestedFor(urlPathEqualTo(SEND))).get(0).getBody();
		String raw = new String(body, StandardCharsets.UTF_8);
		assertThat(raw).doesNotContain("\\u").contains("下载APP").contains("😀").contains("?a=1&b=2");
	}

	@Test
	void fetchesStableTokenInNormalModeAndReusesIt() {
		tokenIs("TOKEN-1");
		sendAnswers("{\"errcode\":0,\"errmsg\":\"ok\"}");
		WeChatApi api = api();

		api.send(APP, "o-user", new CustomerServiceMessage.Text("one"));
		api.send(APP, "o-user", new CustomerServiceMessage.Text("two"));

		wechat.verify(1,
				postRequestedFor(urlPathEqualTo(STABLE_TOKEN)).withRequestBody(
						equalToJson("{\"grant_type\":\"client_credential\",\"appid\":\"wx0000000000000001\","
								+ "\"secret\":\"app-secret-not-for-logs\",\"force_refresh\":false}")));
	}

	@Test
	void fetchesANewTokenShortlyBeforeTheCachedOneExpires() {
		tokenIs("TOKEN-1");
		sendAnswers("{\"errcode\":0,\"errmsg\":\"ok\"}");
		WeChatApi api = api();
		api.send(APP, "o-user", new CustomerServiceMessage.Text("one"));

		this.clock.advance(Duration.ofSeconds(7200 - 240));
		api.send(APP, "o-user", new CustomerServiceMessage.Text("still the first token"));
		wechat.verify(1, postRequestedFor(urlPathEqualTo(STABLE_TOKEN)));

		this.clock.advance(Duration.ofSeconds(61));
		api.send(APP, "o-user", new CustomerServiceMessage.Text("a new token"));
		wechat.verify(2, postRequestedFor(urlPathEqualTo(STABLE_TOKEN)));
	}

	@Test
	void fetchesFromClassicTokenEndpointWhenSelectedForTheApp() {
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token"))
			.willReturn(okJson("{\"access_token\":\"CLASSIC-1\",\"expires_in\":7200}")));
		sendAnswers("{\"errcode\":0,\"errmsg\":\"ok\"}");

		ApiResult<Void> sent = api(Set.of(APP.appId()), TokenTables.freshH2()).send(APP, "o-user",
				new CustomerServiceMessage.Text("hi"));

		assertThat(sent.isOk()).isTrue();
		wechat.verify(1,
				getRequestedFor(urlPathEqualTo("/cgi-bin/token"))
					.withQueryParam("grant_type", equalTo("client_credential"))
					.withQueryParam("appid", equalTo(APP.appId()))
					.withQueryParam("secret", equalTo(APP.secret())));
		wechat.verify(0, postRequestedFor(urlPathEqualTo(STABLE_TOKEN)));
		wechat.verify(postRequestedFor(urlPathEqualTo(SEND)).withQueryParam("access_token", equalTo("CLASSIC-1")));
	}

	@ParameterizedTest
	@CsvSource({ "-1, TRANSIENT", "45015, WINDOW_CLOSED", "45047, QUOTA", "40007, MEDIA_INVALID", "40003, PERMANENT",
			"48001, PERMANENT" })
	void classifiesErrcodes(int errcode, Kind kind) {
		tokenIs("TOKEN-1");
		sendAnswers("{\"errcode\":" + errcode + ",\"errmsg\":\"from wechat\"}");

		ApiResult<Void> sent = api().send(APP, "o-user", new CustomerServiceMessage.Text("hi"));

		assertThat(sent.error()).isEqualTo(new ApiError(kind, errcode, "from wechat"));
		assertThat(this.meters
			.counter("kefu.wechat.api.calls", "api", "send", "errcode", Integer.toString(errcode), "kind", kind.name())
			.count()).isEqualTo(1);
	}

	@ParameterizedTest
	@CsvSource({ "500, TRANSIENT", "502, TRANSIENT", "503, TRANSIENT", "429, TRANSIENT", "404, PERMANENT",
			"400, PERMANENT" })
	void classifiesHttpStatuses(int status, Kind kind) {
		tokenIs("TOKEN-1");
		wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(status).withBody("<html/>")));

		ApiResult<Void> sent = api().send(APP, "o-user", new CustomerServiceMessage.Text("hi"));

		assertThat(sent.error()).isEqualTo(new ApiError(kind, null, "HTTP " + status));
	}

	@Test
	void answerWithoutJsonIsTransient() {
		tokenIs("TOKEN-1");
		wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(200).withBody("busy")));

		assertThat(api().send(APP, "o-user", new CustomerServiceMessage.Text("hi")).error().kind())
			.isEqualTo(Kind.TRANSIENT);
	}

	@Test
	void readTimeoutIsTransient() {
		tokenIs("TOKEN-1");
		wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(okJson("{\"errcode\":0}").withFixedDelay(3000)));

		ApiResult<Void> sent = api(Set.of(), TokenTables.freshH2(), Duration.ofMillis(300)).send(APP, "o-user",
				new CustomerServiceMessage.Text("hi"));

		assertThat(sent.error().kind()).isEqualTo(Kind.TRANSIENT);
		assertThat(sent.error().errcode()).isNull();
		assertThat(sent.error().errmsg()).startsWith("timeout");
	}

	@Test
	void brokenConnectionIsTransient() {
		tokenIs("TOKEN-1");
		wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		ApiResult<Void> sent = api().send(APP, "o-user", new CustomerServiceMessage.Text("hi"));

		assertThat(sent.error().kind()).isEqualTo(Kind.TRANSIENT);
		assertThat(sent.error().errmsg()).startsWith("I/O error");
	}

	@Test
	void refusedConnectionIsTransient() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		WeChatProperties properties = new WeChatProperties(URI.create("http://127.0.0.1:" + closedPort),
				Duration.ofMillis(500), Duration.ofMillis(500), Set.of(), null);
		WeChatHttp http = new WeChatHttp(properties.apiBaseUrl(), properties::sandboxApiBaseUrl,
				properties.connectTimeout(), properties.readTimeout());
		WeChatApi api = new WeChatApi(http,
				new AccessTokens(http, new JdbcTokenStore(TokenTables.freshH2(), this.clock), properties,
						new LeaseReleases(), this.clock, this.meters),
				this.meters);

		ApiResult<Void> sent = api.send(APP, "o-user", new CustomerServiceMessage.Text("hi"));

		assertThat(sent.error().kind()).isEqualTo(Kind.TRANSIENT);
	}

	@Test
	void callsTheSandboxUrlForASandboxApp() {
		wechat.stubFor(post("/emulator/api/cgi-bin/stable_token")
			.willReturn(okJson("{\"access_token\":\"EMULATED\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlPathEqualTo("/emulator/api" + SEND)).willReturn(okJson("{\"errcode\":0}")));
		WeChatProperties properties = new WeChatProperties(URI.create("https://api.weixin.qq.com"),
				Duration.ofMillis(500), Duration.ofMillis(500), Set.of(),
				URI.create(wechat.baseUrl() + "/emulator/api/"));
		WeChatHttp http = new WeChatHttp(properties.apiBaseUrl(), properties::sandboxApiBaseUrl,
				properties.connectTimeout(), properties.readTimeout());
		WeChatApi api = new WeChatApi(http,
				new AccessTokens(http, new JdbcTokenStore(TokenTables.freshH2(), this.clock), properties,
						new LeaseReleases(), this.clock, this.meters),
				this.meters);

		ApiResult<Void> sent = api.send(new AppCredentials(APP.appId(), APP.secret(), true), "o-user",
				new CustomerServiceMessage.Text("hi"));

		assertThat(sent.error()).isNull();
		wechat.verify(postRequestedFor(urlPathEqualTo("/emulator/api" + SEND)).withQueryParam("access_token",
				equalTo("EMULATED")));
	}

	@Test
	void failedTokenFetchIsTheSendsError() {
		wechat.stubFor(post(STABLE_TOKEN).willReturn(okJson("{\"errcode\":40013,\"errmsg\":\"invalid appid\"}")));

		ApiResult<Void> sent = api().send(APP, "o-user", new CustomerServiceMessage.Text("hi"));

		assertThat(sent.error()).isEqualTo(new ApiError(Kind.PERMANENT, 40013, "invalid appid"));
		wechat.verify(0, postRequestedFor(urlPathEqualTo(SEND)));
	}

	@Test
	void wrongSecretAtTheTokenEndpointIsPermanentNotTokenInvalid() {
		wechat.stubFor(post(STABLE_TOKEN).willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}")));

		ApiResult<Void> sent = api().send(APP, "o-user", new CustomerServiceMessage.Text("hi"));

		assertThat(sent.error()).isEqualTo(new ApiError(Kind.PERMANENT, 40001, "invalid credential"));
		wechat.verify(1, postRequestedFor(urlPathEqualTo(STABLE_TOKEN)));
	}

	@ParameterizedTest
	@CsvSource({ "40001", "40014", "42001" })
	void rejectedTokenIsRefreshedOnceAndTheCallRetriedOnce(int errcode) {
		wechat.stubFor(post(STABLE_TOKEN).inScenario("rotation")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(okJson("{\"access_token\":\"OLD\",\"expires_in\":7200}"))
			.willSetStateTo("rotated"));
		wechat.stubFor(post(STABLE_TOKEN).inScenario("rotation")
			.whenScenarioStateIs("rotated")
			.willReturn(okJson("{\"access_token\":\"NEW\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlPathEqualTo(SEND)).withQueryParam("access_token", equalTo("OLD"))
			.willReturn(okJson("{\"errcode\":" + errcode + ",\"errmsg\":\"invalid credential\"}")));
		wechat.stubFor(post(urlPathEqualTo(SEND)).withQueryParam("access_token", equalTo("NEW"))
			.willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

		ApiResult<Void> sent = api().send(APP, "o-user", new CustomerServiceMessage.Text("hi"));

		assertThat(sent.isOk()).isTrue();
		wechat.verify(2, postRequestedFor(urlPathEqualTo(STABLE_TOKEN)));
		wechat.verify(2, postRequestedFor(urlPathEqualTo(SEND)));
	}

	@Test
	void tokenRejectedAfterTheRefreshIsTokenInvalid() {
		tokenIs("ALWAYS-REJECTED");
		sendAnswers("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");

		ApiResult<Void> sent = api().send(APP, "o-user", new CustomerServiceMessage.Text("hi"));

		assertThat(sent.error()).isEqualTo(new ApiError(Kind.TOKEN_INVALID, 40001, "invalid credential"));
		wechat.verify(2, postRequestedFor(urlPathEqualTo(SEND)));
	}

	@Test
	void setsTyping() {
		tokenIs("TOKEN-1");
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/typing"))
			.willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

		assertThat(api().setTyping(APP, "o-user", TypingCommand.TYPING).isOk()).isTrue();

		wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/typing"))
			.withQueryParam("access_token", equalTo("TOKEN-1"))
			.withRequestBody(equalToJson("{\"touser\":\"o-user\",\"command\":\"Typing\"}")));
	}

	@Test
	void uploadsTempMediaAsMultipartPartMediaWithFileNameAndContentType() {
		tokenIs("TOKEN-1");
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/media/upload")).willReturn(okJson(
				"{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"image\",\"media_id\":\"MEDIA-1\",\"created_at\":1672500000}")));
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3 };

		ApiResult<TempMedia> uploaded = api().uploadTempMedia(APP, "cover.png", "image/png", png);

		assertThat(uploaded.error()).isNull();
		assertThat(uploaded.value()).isEqualTo(new TempMedia("MEDIA-1", Instant.ofEpochSecond(1672500000)));
		wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/media/upload"))
			.withQueryParam("access_token", equalTo("TOKEN-1"))
			.withQueryParam("type", equalTo("image"))
			.withHeader("Content-Type", containing("multipart/form-data; boundary="))
			.withRequestBodyPart(aMultipart().withName("media")
				.withHeader("Content-Disposition", containing("filename=\"cover.png\""))
				.withHeader("Content-Type", equalTo("image/png"))
				.withBody(com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo(png))
				.build()));
	}

	@Test
	void uploadAcceptsCreatedAtAsAString() {
		tokenIs("TOKEN-1");
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/media/upload"))
			.willReturn(okJson("{\"type\":\"image\",\"media_id\":\"MEDIA-2\",\"created_at\":\"1672500000\"}")));

		ApiResult<TempMedia> uploaded = api().uploadTempMedia(APP, "a.jpg", "image/jpeg", new byte[] { 1 });

		assertThat(uploaded.value()).isEqualTo(new TempMedia("MEDIA-2", Instant.ofEpochSecond(1672500000)));
	}

	@Test
	void uploadRejectedAsInvalidMediaTypeIsPermanent() {
		tokenIs("TOKEN-1");
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/media/upload"))
			.willReturn(okJson("{\"errcode\":40004,\"errmsg\":\"invalid media type\"}")));

		ApiResult<TempMedia> uploaded = api().uploadTempMedia(APP, "a.bmp", "image/bmp", new byte[] { 1 });

		assertThat(uploaded.error()).isEqualTo(new ApiError(Kind.PERMANENT, 40004, "invalid media type"));
	}

}
