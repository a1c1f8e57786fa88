package dev.kefu.wechat.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.kefu.FakeWeChat;
import dev.kefu.MutableClock;
import dev.kefu.cluster.LeaseReleases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token sharing between callers and instances: several {@link WeChatApi}s with their own
 * local caches and fetches stand for instances sharing one token table, against the
 * {@link FakeWeChat}, which rejects any token but the one it issued last (40001).
 */
class AccessTokensTests {

	static final FakeWeChat wechat = FakeWeChat.start();

	/** A fresh app per test: the fake counts token fetches per app. */
	final AppCredentials app = new AppCredentials(
			"wx" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16), "app-secret-not-for-logs");

	final MutableClock clock = new MutableClock();

	final JdbcClient sharedTable = TokenTables.freshH2();

	AccessTokensTests() {
		wechat.register(this.app.appId(), this.app.secret());
	}

	@AfterAll
	static void stopWeChat() {
		wechat.close();
	}

	WeChatApi instance() {
		WeChatProperties properties = new WeChatProperties(URI.create(wechat.baseUrl()), Duration.ofSeconds(2),
				Duration.ofSeconds(5), Set.of(), null);
		WeChatHttp http = new WeChatHttp(properties.apiBaseUrl(), properties::sandboxApiBaseUrl,
				properties.connectTimeout(), properties.readTimeout());
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		return new WeChatApi(http, new AccessTokens(http, new JdbcTokenStore(this.sharedTable, this.clock), properties,
				new LeaseReleases(), this.clock, meters), meters);
	}

	void storedToken(String token) {
		JdbcTokenStore store = new JdbcTokenStore(this.sharedTable, this.clock);
		store.tryLease(this.app.appId(), "seed", this.clock.instant(), Duration.ofSeconds(1));
		store.save(this.app.appId(), "seed", StoredToken.issued(token, this.clock.instant(), 7200));
	}

	@Test
	void refreshesTokenOnceOn40001WithTwoConcurrentSendersOnTwoInstances() throws Exception {
		// a token WeChat no longer knows; the delays keep the senders' attempts and
		// refreshes overlapping
		storedToken("OLD");
		wechat.delay("/cgi-bin/message/custom/send", Duration.ofMillis(100));
		wechat.delay("/cgi-bin/stable_token", Duration.ofMillis(100));
		List<WeChatApi> instances = List.of(instance(), instance(), instance(), instance());
		CyclicBarrier start = new CyclicBarrier(instances.size() * 2);
		ExecutorService senders = Executors.newFixedThreadPool(instances.size() * 2);
		try {
			List<Future<ApiResult<Void>>> results = senders.invokeAll(instances.stream()
				.flatMap((api) -> List
					.<Callable<ApiResult<Void>>>of(() -> sendAfter(start, api), () -> sendAfter(start, api))
					.stream())
				.toList());
			for (Future<ApiResult<Void>> result : results) {
				assertThat(result.get().error()).isNull();
			}
		}
		finally {
			senders.shutdownNow();
			wechat.delay("/cgi-bin/message/custom/send", Duration.ZERO);
			wechat.delay("/cgi-bin/stable_token", Duration.ZERO);
		}
		assertThat(wechat.tokenFetches(this.app.appId())).isEqualTo(1);
		assertThat(sentForThisApp()).hasSize(instances.size() * 2);
	}

	private ApiResult<Void> sendAfter(CyclicBarrier start, WeChatApi api) throws Exception {
		start.await();
		return api.send(this.app, "o-user", new CustomerServiceMessage.Text("hi"));
	}

	private List<FakeWeChat.Sent> sentForThisApp() {
		return wechat.sent().stream().filter((sent) -> sent.appId().equals(this.app.appId())).toList();
	}

	@Test
	void storesTheTokenSealedAndStillSharesIt() {
		instance().send(this.app, "o-user", new CustomerServiceMessage.Text("first instance"));
		instance().send(this.app, "o-user", new CustomerServiceMessage.Text("second instance"));

		String stored = this.sharedTable.sql("SELECT access_token FROM wechat_token WHERE app_id = ?")
			.param(this.app.appId())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("s1:").doesNotContain(wechat.token(this.app.appId()));
		assertThat(wechat.tokenFetches(this.app.appId())).isEqualTo(1);
		assertThat(sentForThisApp()).hasSize(2);
	}

	@Test
	void anInstanceUsesTheTokenAnotherInstanceFetched() {
		instance().send(this.app, "o-user", new CustomerServiceMessage.Text("first instance"));
		instance().send(this.app, "o-user", new CustomerServiceMessage.Text("second instance"));

		// the fake accepts only the token it issued, and issued one
		assertThat(wechat.tokenFetches(this.app.appId())).isEqualTo(1);
		assertThat(sentForThisApp()).extracting(FakeWeChat.Sent::text)
			.containsExactly("first instance", "second instance");
	}

	@Test
	void lateRejectionOfAnOldTokenKeepsTheNewerOne() {
		JdbcTokenStore store = new JdbcTokenStore(this.sharedTable, this.clock);
		storedToken("NEWER");

		store.expire(this.app.appId(), "OLDER");

		assertThat(store.find(this.app.appId())).get().extracting(StoredToken::value).isEqualTo("NEWER");
		assertThat(store.find(this.app.appId()).get().fresh(this.clock.instant())).isTrue();
		store.expire(this.app.appId(), "NEWER");
		assertThat(store.find(this.app.appId()).get().fresh(this.clock.instant())).isFalse();
	}

	@Test
	void leaseIsHeldByOneOwnerUntilItExpires() {
		JdbcTokenStore store = new JdbcTokenStore(this.sharedTable, this.clock);

		assertThat(store.tryLease(this.app.appId(), "a", this.clock.instant(), Duration.ofSeconds(10))).isTrue();
		assertThat(store.tryLease(this.app.appId(), "b", this.clock.instant(), Duration.ofSeconds(10))).isFalse();
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(store.tryLease(this.app.appId(), "b", this.clock.instant(), Duration.ofSeconds(10))).isTrue();
		store.release(this.app.appId(), "a");
		assertThat(store.tryLease(this.app.appId(), "c", this.clock.instant(), Duration.ofSeconds(10))).isFalse();
	}

}
