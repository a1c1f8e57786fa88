package dev.kefu.wechat.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kefu.MutableClock;
import dev.kefu.cluster.LeaseReleases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every path that could leak (token fetches on both endpoints, rejections, timeouts,
 * broken connections, HTTP errors) with all logging at TRACE, except the levels kefu's
 * own configuration pins ({@code logging.level.*} in {@code application.yml}), and looks
 * for the token and the secret in every log line (except the fake server's own) and in
 * every error handed back.
 */
class NoSecretsInLogsTests {

	static final String TOKEN = "ACCESS-TOKEN-7f3c9a1e52b04d8e";

	static final String SECRET = "APP-SECRET-0c1d2e3f4a5b6c7d";

	static final AppCredentials APP = new AppCredentials("wx00000000000000ab", SECRET);

	/**
	 * WireMock, not the {@code FakeWeChat} of the other tests: the leaks looked for here
	 * are on the paths of raw faults (a reset connection, an empty answer, a read
	 * timeout, an HTTP 503) that only WireMock makes on demand.
	 */
	@RegisterExtension
	static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/**
	 * Created before logging goes to TRACE: migrating a schema is not what is under test.
	 */
	final List<JdbcClient> tokenTables = List.of(TokenTables.freshH2(), TokenTables.freshH2(), TokenTables.freshH2());

	final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	/**
	 * The fake server's own logging: it sees the token legitimately and is not kefu's.
	 */
	final List<Logger> fakeServer = List.of((Logger) LoggerFactory.getLogger("wiremock"),
			(Logger) LoggerFactory.getLogger("com.github.tomakehurst"));

	Level previousLevel;

	/**
	 * The levels application.yml pins, as kefu runs with them whatever the root level.
	 */
	final Map<Logger, Level> pinned = pinnedLevels();

	@BeforeEach
	void captureAllLogging() {
		this.previousLevel = this.root.getLevel();
		this.root.setLevel(Level.TRACE);
		this.fakeServer.forEach((logger) -> logger.setLevel(Level.WARN));
		this.pinned.forEach(Logger::setLevel);
		this.appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	@AfterEach
	void restoreLogging() {
		this.root.detachAppender(this.appender);
		this.root.setLevel(this.previousLevel);
		this.fakeServer.forEach((logger) -> logger.setLevel(null));
		this.pinned.keySet().forEach((logger) -> logger.setLevel(null));
	}

	static Map<Logger, Level> pinnedLevels() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		Properties properties = yaml.getObject();
		Map<Logger, Level> levels = new HashMap<>();
		String prefix = "logging.level.";
		properties.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith(prefix))
			.forEach((name) -> levels.put((Logger) LoggerFactory.getLogger(name.substring(prefix.length())),
					Level.toLevel(properties.getProperty(name))));
		assertThat(levels).as("application.yml pins the HTTP client's logging, which quotes URLs and bodies")
			.containsKey((Logger) LoggerFactory.getLogger("org.apache.hc.client5.http"));
		return levels;
	}

	WeChatApi api(Set<String> classicTokenApps, int table) {
		WeChatProperties properties = new WeChatProperties(URI.create(wechat.baseUrl()), Duration.ofMillis(300),
				Duration.ofMillis(300), classicTokenApps, null);
		WeChatHttp http = new WeChatHttp(properties.apiBaseUrl(), properties::sandboxApiBaseUrl,
				properties.connectTimeout(), properties.readTimeout());
		MutableClock clock = new MutableClock();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		return new WeChatApi(http, new AccessTokens(http, new JdbcTokenStore(this.tokenTables.get(table), clock),
				properties, new LeaseReleases(), clock, meters), meters);
	}

	@Test
	void neverLogsTheAccessTokenOrTheSecret() {
		wechat.stubFor(post("/cgi-bin/stable_token")
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}")));
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token"))
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}")));
		List<ApiError> errors = new java.util.ArrayList<>();
		for (int table = 0; table < 2; table++) {
			WeChatApi api = api((table == 0) ? Set.of() : Set.of(APP.appId()), table);
			for (String openId : List.of("o-rejected", "o-slow", "o-reset", "o-5xx", "o-closed")) {
				stubFailure(openId);
				ApiResult<Void> sent = api.send(APP, openId, new CustomerServiceMessage.Text("hi"));
				errors.add(sent.error());
			}
			errors.add(api.uploadTempMedia(APP, "a.png", "image/png", new byte[] { 1 }).error());
		}
		wechat.stubFor(post("/cgi-bin/stable_token").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		errors.add(api(Set.of(), 2).send(APP, "o-any", new CustomerServiceMessage.Text("hi")).error());

		assertThat(errors).doesNotContainNull();
		assertThat(errors).allSatisfy((error) -> assertThat(error.errmsg()).doesNotContain(TOKEN, SECRET));
		assertThat(this.appender.list).isNotEmpty();
		assertThat(this.appender.list).allSatisfy((event) -> {
			assertThat(event.getFormattedMessage()).doesNotContain(TOKEN, SECRET);
			if (event.getThrowableProxy() != null) {
				assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy())).doesNotContain(TOKEN, SECRET);
			}
		});
	}

	private static void stubFailure(String openId) {
		var send = post(urlPathEqualTo("/cgi-bin/message/custom/send"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(openId));
		wechat.stubFor(switch (openId) {
			case "o-rejected" -> send.willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
			case "o-slow" -> send.willReturn(okJson("{\"errcode\":0}").withFixedDelay(1000));
			case "o-reset" -> send.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
			case "o-5xx" -> send.willReturn(aResponse().withStatus(502));
			default -> send.willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE));
		});
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/media/upload")).willReturn(aResponse().withStatus(503)));
	}

}
