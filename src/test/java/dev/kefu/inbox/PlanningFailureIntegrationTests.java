package dev.kefu.inbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import dev.kefu.FakeWeChatContext;
import dev.kefu.TestHttp;
import dev.kefu.wechat.push.PushSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reply whose planning fails is never dropped: the push is still recorded and
 * acknowledged, the plan is retried with backoff until it succeeds, and a plan that keeps
 * failing shows among the app's deliveries as a dead letter with its reason. The failure
 * is injected by a listener of {@link MessageReceived} that runs in the recording
 * transaction, as the real planners do.
 */
@TestPropertySource(properties = { "kefu.inbox.plan-retries.first-delay=100ms",
		"kefu.inbox.plan-retries.max-delay=200ms", "kefu.inbox.plan-retries.max-attempts=4" })
class PlanningFailureIntegrationTests extends FakeWeChatContext {

	@LocalServerPort
	int port;

	@Autowired
	FailingPlans failing;

	TestHttp http;

	String appId;

	@BeforeEach
	void appWithADefaultReply() {
		this.http = TestHttp.on(this.port).as("admin", "admin-password-for-tests");
		this.appId = registerApp();
		HttpResponse<String> created = this.http.postJson("/api/apps/" + this.appId + "/rules", """
				{"name": "兜底", "trigger": "DEFAULT", "replies": [{"type": "text", "content": "稍等"}]}""");
		assertThat(created.statusCode()).isEqualTo(201);
	}

	@Test
	void aPlanThatFailsTwiceIsRetriedAndAnsweredOnce() {
		String user = newUser();
		this.failing.failTimes(user, 2);

		assertThat(push(user)).isEqualTo("success");

		await().until(() -> wechat.sentTo(user).size() == 1);
		assertThat(wechat.sentTo(user).get(0).text()).isEqualTo("稍等");
		assertThat(this.failing.failures(user)).isEqualTo(2);
		await().during(Duration.ofMillis(800))
			.atMost(Duration.ofSeconds(5))
			.until(() -> wechat.sentTo(user).size() == 1);
	}

	@Test
	void aPlanThatAlwaysFailsIsAFailedDeliveryWithItsReason() {
		String user = newUser();
		this.failing.failTimes(user, Integer.MAX_VALUE);

		assertThat(push(user)).isEqualTo("success");

		String failed = await().until(
				() -> this.http.get("/api/apps/" + this.appId + "/deliveries?status=FAILED&openId=" + user).body(),
				(body) -> JsonPath.<Integer>read(body, "$.length()") == 1);
		assertThat(JsonPath.<String>read(failed, "$[0].type")).isEqualTo("unplanned");
		assertThat(JsonPath.<String>read(failed, "$[0].lastErrmsg")).contains("injected failure for " + user);
		// the first attempt when the push was recorded, then each retry up to
		// kefu.inbox.plan-retries.max-attempts
		assertThat(this.failing.failures(user)).isEqualTo(4);
		assertThat(wechat.sentTo(user)).isEmpty();
		String id = JsonPath.read(failed, "$[0].id");
		assertThat(this.http.postJson("/api/apps/" + this.appId + "/deliveries/" + id + "/retry", "").statusCode())
			.isEqualTo(409);
	}

	private String push(String user) {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		// a nonce of its own, as WeChat's: a plaintext signature reused for another body
		// is refused
		String nonce = Long.toString(System.nanoTime());
		String query = "?signature=" + PushSignature.sign("token" + this.appId.substring(2, 10), timestamp, nonce)
				+ "&timestamp=" + timestamp + "&nonce=" + nonce;
		String body = "<xml><ToUserName><![CDATA[gh_kefu]]></ToUserName><FromUserName><![CDATA[" + user
				+ "]]></FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
				+ "<Content><![CDATA[你好]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
		HttpResponse<String> answer = this.http.send("POST", "/wechat/" + this.appId + query, body, "Content-Type",
				"text/xml");
		assertThat(answer.statusCode()).isEqualTo(200);
		return answer.body();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Failures {

		@Bean
		FailingPlans failingPlans() {
			return new FailingPlans();
		}

	}

	/** Fails the planning of chosen users' messages a given number of times. */
	static class FailingPlans {

		private final Map<String, AtomicInteger> left = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();

		void failTimes(String openId, int times) {
			this.left.put(openId, new AtomicInteger(times));
		}

		int failures(String openId) {
			return this.failed.getOrDefault(openId, new AtomicInteger()).get();
		}

		@EventListener
		void on(MessageReceived message) {
			AtomicInteger remaining = this.left.get(message.openId());
			if (remaining != null && remaining.getAndDecrement() > 0) {
				this.failed.computeIfAbsent(message.openId(), (user) -> new AtomicInteger()).incrementAndGet();
				throw new IllegalStateException("injected failure for " + message.openId());
			}
		}

	}

}
