package dev.kefu;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.media.Assets;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on H2, calling a {@link FakeWeChat} on loopback, with the asset
 * store replaced by a mock. Every test class extending it shares one context (and one
 * fake), so tests use fresh apps and users ({@link #registerApp()}, {@link #newUser()}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { KefuTestProperties.SECRETS_KEY, KefuTestProperties.ADMIN_PASSWORD,
				KefuTestProperties.FAST_RETRIES, KefuTestProperties.SHORT_RETRY_CAP,
				KefuTestProperties.QUICK_TAKEOVER })
@AutoConfigureMockMvc
@MockitoBean(types = Assets.class)
public abstract class FakeWeChatContext {

	static {
		// Deliveries happen on other threads; on two shared cores in a full build they
		// can take
		// longer than Awaitility's default 10 s. The wait bounds the test, it asserts
		// nothing.
		org.awaitility.Awaitility.setDefaultTimeout(java.time.Duration.ofSeconds(60));
	}

	protected static final FakeWeChat wechat = FakeWeChat.start();

	private static final String DATABASE = TestDatabases.freshH2();

	@DynamicPropertySource
	static void fakeWeChatAndDatabase(DynamicPropertyRegistry registry) {
		registry.add("kefu.wechat.api-base-url", wechat::baseUrl);
		registry.add("spring.datasource.url", () -> DATABASE);
		registry.add("kefu.data-dir", () -> "target/test-data/" + UUID.randomUUID());
	}

	@Autowired
	protected AppRegistry appRegistry;

	@Autowired
	protected Assets assets;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private PlatformTransactionManager transactions;

	@AfterEach
	void fakeSawOnlyWellFormedCalls() {
		assertThat(wechat.violations()).isEmpty();
	}

	/** Registers a new app with kefu and with the fake WeChat; returns its AppID. */
	protected String registerApp() {
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String secret = "secret" + UUID.randomUUID().toString().replace("-", "");
		this.appRegistry.register(new AppDraft(appId, "test " + appId, secret, "token" + appId.substring(2, 10),
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, null, null));
		wechat.register(appId, secret);
		return appId;
	}

	protected static String newUser() {
		return "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);
	}

	/** Publishes what the rules would, in a transaction as the rules do. */
	protected ReplyPlanned plan(String appId, String openId, ReplyPlanned.Cause cause, Instant receivedAt,
			Reply... replies) {
		ReplyPlanned planned = new ReplyPlanned(UUID.randomUUID().toString(), appId, openId, cause, receivedAt,
				"rule-1", List.of(replies));
		publish(planned);
		return planned;
	}

	protected void publish(ReplyPlanned planned) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> this.events.publishEvent(planned));
	}

}
