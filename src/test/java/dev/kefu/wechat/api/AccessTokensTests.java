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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kefu.MutableClock;
import dev.kefu.cluster.LeaseReleases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token sharing between callers and instances: two {@link WeChatApi}s with their own local
 * caches and locks stand for two instances sharing one token table.
 */
class AccessTokensTests {

	static final AppCredentials APP = WeChatApiTests.APP;

	@RegisterExtension
	static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	final MutableClock clock = new MutableClock();

	final JdbcClient sharedTable = TokenTables.freshH2();

	WeChatApi instance() {
		WeChatProperties properties = new WeChatProperties(URI.create(wechat.baseUrl()), Duration.ofSeconds(2),
				Duration.ofSeconds(5), Set.of(), null);
		WeChatHttp http = new WeChatHttp(properties.apiBaseUrl(), properties::sandboxApiBaseUrl, properties.connectTimeout(),
				properties.readTimeout());
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		return new WeChatApi(http,
				new AccessTokens(http, new JdbcTokenStore(this.sharedTable, this.clock), properties, new LeaseReleases(), this.clock, meters),
				meters);
	}

	void storedToken(String token) {
		JdbcTokenStore store = new JdbcTokenStore(this.sharedTable, this.clock);
		store.tryLease(APP.appId(), "seed", this.clock.instant(), Duration.ofSeconds(1));
		store.save(APP.appId(), "seed", StoredToken.issued(token, this.clock.instant(), 7200));
	}

	@Test
	void refreshesTokenOnceOn40001WithTwoConcurrentSendersOnTwoInstances() throws Exception {
		storedToken("OLD");
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).withQueryParam("access_token", equalTo("OLD"))
			.willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"access_token is invalid or not latest\"}")
				.withFixedDelay(100)));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).withQueryParam("access_token", equalTo("NEW"))
			.willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
		wechat.stubFor(post("/cgi-bin/stable_token")
			.willReturn(okJson("{\"access_token\":\"NEW\",\"expires_in\":7200}").withFixedDelay(100)));
		List<WeChatApi> instances = List.of(instance(), instance(), instance(), instance());
		CyclicBarrier start = new CyclicBarrier(instances.size() * 2);
		ExecutorService senders = Executors.newFixedThreadPool(instances.size() * 2);
		try {
			List<Future<ApiResult<Void>>> results = senders.invokeAll(instances.stream()
				.flatMap((api) -> List.<Callable<ApiResult<Void>>>of(() -> sendAfter(start, api),
						() -> sendAfter(start, api)).stream())
				.toList());
			for (Future<ApiResult<Void>> result : results) {
				assertThat(result.get().error()).isNull();
			}
		}
		finally {
			senders.shutdownNow();
		}
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));
	}

	private static ApiResult<Void> sendAfter(CyclicBarrier start, WeChatApi api) throws Exception {
		start.await();
		return api.send(APP, "o-user", new CustomerServiceMessage.Text("hi"));
	}

	@Test
	void storesTheTokenSealedAndStillSharesIt() {
		wechat.stubFor(post("/cgi-bin/stable_token")
			.willReturn(okJson("{\"access_token\":\"SEALED-ONE\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0}")));

		instance().send(APP, "o-user", new CustomerServiceMessage.Text("first instance"));
		instance().send(APP, "o-user", new CustomerServiceMessage.Text("second instance"));

		String stored = this.sharedTable.sql("SELECT access_token FROM wechat_token WHERE app_id = ?")
			.param(APP.appId())
			.query(String.class)
			.single();
		org.assertj.core.api.Assertions.assertThat(stored).startsWith("s1:").doesNotContain("SEALED-ONE");
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));
		wechat.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
			.withQueryParam("access_token", equalTo("SEALED-ONE")));
	}

	@Test
	void anInstanceUsesTheTokenAnotherInstanceFetched() {
		wechat.stubFor(post("/cgi-bin/stable_token").willReturn(okJson("{\"access_token\":\"ONE\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0}")));

		instance().send(APP, "o-user", new CustomerServiceMessage.Text("first instance"));
		instance().send(APP, "o-user", new CustomerServiceMessage.Text("second instance"));

		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));
		wechat.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
			.withQueryParam("access_token", equalTo("ONE")));
	}

	@Test
	void lateRejectionOfAnOldTokenKeepsTheNewerOne() {
		JdbcTokenStore store = new JdbcTokenStore(this.sharedTable, this.clock);
		storedToken("NEWER");

		store.expire(APP.appId(), "OLDER");

		assertThat(store.find(APP.appId())).get().extracting(StoredToken::value).isEqualTo("NEWER");
		assertThat(store.find(APP.appId()).get().fresh(this.clock.instant())).isTrue();
		store.expire(APP.appId(), "NEWER");
		assertThat(store.find(APP.appId()).get().fresh(this.clock.instant())).isFalse();
	}

	@Test
	void leaseIsHeldByOneOwnerUntilItExpires() {
		JdbcTokenStore store = new JdbcTokenStore(this.sharedTable, this.clock);

		assertThat(store.tryLease(APP.appId(), "a", this.clock.instant(), Duration.ofSeconds(10))).isTrue();
		assertThat(store.tryLease(APP.appId(), "b", this.clock.instant(), Duration.ofSeconds(10))).isFalse();
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(store.tryLease(APP.appId(), "b", this.clock.instant(), Duration.ofSeconds(10))).isTrue();
		store.release(APP.appId(), "a");
		assertThat(store.tryLease(APP.appId(), "c", this.clock.instant(), Duration.ofSeconds(10))).isFalse();
	}

}
