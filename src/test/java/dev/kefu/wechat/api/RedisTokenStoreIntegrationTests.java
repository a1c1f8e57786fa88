package dev.kefu.wechat.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kefu.FakeWeChat;
import dev.kefu.TestRedis;
import dev.kefu.cluster.LeaseReleases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis token store against the local Redis, shared by several simulated instances,
 * calling the {@link FakeWeChat}, which rejects any token but the one it issued last
 * (40001).
 */
class RedisTokenStoreIntegrationTests {

	static final FakeWeChat wechat = FakeWeChat.start();

	/**
	 * A fresh app id per test, so runs never see each other's keys in the shared Redis.
	 */
	final AppCredentials app = new AppCredentials("wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
			"redis-test-secret-1234");

	LettuceConnectionFactory factory;

	StringRedisTemplate redis;

	final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	final List<Logger> redisLoggers = List.of((Logger) LoggerFactory.getLogger("io.lettuce"),
			(Logger) LoggerFactory.getLogger("org.springframework.data.redis"));

	@AfterAll
	static void stopWeChat() {
		wechat.close();
	}

	@BeforeEach
	void connect() {
		wechat.register(this.app.appId(), this.app.secret());
		this.factory = TestRedis.connect();
		this.redis = new StringRedisTemplate(this.factory);
		this.appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		this.appender.start();
		this.redisLoggers.forEach((logger) -> {
			logger.setLevel(Level.TRACE);
			logger.addAppender(this.appender);
		});
	}

	@AfterEach
	void disconnect() {
		this.redisLoggers.forEach((logger) -> {
			logger.detachAppender(this.appender);
			logger.setLevel(null);
		});
		this.redis.delete(List.of("kefu:wechat:{" + this.app.appId() + "}:token",
				"kefu:wechat:{" + this.app.appId() + "}:token-lease"));
		this.factory.destroy();
	}

	WeChatApi instance() {
		WeChatProperties properties = new WeChatProperties(URI.create(wechat.baseUrl()), Duration.ofSeconds(2),
				Duration.ofSeconds(5), Set.of(), null);
		WeChatHttp http = new WeChatHttp(properties.apiBaseUrl(), properties::sandboxApiBaseUrl,
				properties.connectTimeout(), properties.readTimeout());
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		return new WeChatApi(http, new AccessTokens(http, new RedisTokenStore(this.redis), properties,
				new LeaseReleases(), java.time.Clock.systemUTC(), meters), meters);
	}

	@Test
	void refreshesTokenOnceOn40001WithConcurrentSendersOnSeveralInstances() throws Exception {
		RedisTokenStore store = new RedisTokenStore(this.redis);
		store.tryLease(this.app.appId(), "seed", Instant.now(), Duration.ofSeconds(5));
		store.save(this.app.appId(), "seed", StoredToken.issued("OLD-REDIS-TOKEN-1", Instant.now(), 7200));
		// the delays keep the senders' attempts and refreshes overlapping
		wechat.delay("/cgi-bin/message/custom/send", Duration.ofMillis(100));
		wechat.delay("/cgi-bin/stable_token", Duration.ofMillis(100));
		List<WeChatApi> instances = List.of(instance(), instance(), instance());
		CyclicBarrier start = new CyclicBarrier(instances.size() * 2);
		ExecutorService senders = Executors.newFixedThreadPool(instances.size() * 2);
		try {
			List<Callable<ApiResult<Void>>> calls = instances.stream()
				.flatMap((api) -> java.util.stream.Stream.<Callable<ApiResult<Void>>>of(() -> {
					start.await();
					return api.send(this.app, "o-user", new CustomerServiceMessage.Text("hi"));
				}, () -> {
					start.await();
					return api.send(this.app, "o-user", new CustomerServiceMessage.Text("hi"));
				}))
				.toList();
			for (Future<ApiResult<Void>> result : senders.invokeAll(calls)) {
				assertThat(result.get().error()).isNull();
			}
		}
		finally {
			senders.shutdownNow();
			wechat.delay("/cgi-bin/message/custom/send", Duration.ZERO);
			wechat.delay("/cgi-bin/stable_token", Duration.ZERO);
		}
		assertThat(wechat.tokenFetches(this.app.appId())).isEqualTo(1);
		String issued = wechat.token(this.app.appId());
		String stored = store.find(this.app.appId()).orElseThrow().value();
		assertThat(stored).as("sealed at rest").startsWith(TokenSeal.PREFIX).doesNotContain(issued);
		assertThat(TokenSeal.open(this.app, stored)).contains(issued);
		assertThat(this.appender.list)
			.allSatisfy((event) -> assertThat(event.getFormattedMessage()).doesNotContain("OLD-REDIS-TOKEN-1", issued));
	}

	@Test
	void expiresOnlyTheRejectedTokenAndHoldsTheLeaseForOneOwner() {
		RedisTokenStore store = new RedisTokenStore(this.redis);
		Instant now = Instant.now();

		assertThat(store.tryLease(this.app.appId(), "a", now, Duration.ofSeconds(5))).isTrue();
		assertThat(store.tryLease(this.app.appId(), "b", now, Duration.ofSeconds(5))).isFalse();
		store.save(this.app.appId(), "b", StoredToken.issued("NOT-THE-LEASE-HOLDER", now, 7200));
		assertThat(store.find(this.app.appId())).isEmpty();
		store.save(this.app.appId(), "a", StoredToken.issued("CURRENT", now, 7200));
		assertThat(store.tryLease(this.app.appId(), "b", now, Duration.ofSeconds(5))).isTrue();

		store.expire(this.app.appId(), "OLDER");
		assertThat(store.find(this.app.appId())).get().extracting(StoredToken::value).isEqualTo("CURRENT");
		store.expire(this.app.appId(), "CURRENT");
		assertThat(store.find(this.app.appId())).isEmpty();
	}

}
