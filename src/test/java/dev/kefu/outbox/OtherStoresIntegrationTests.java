package dev.kefu.outbox;

import java.util.List;

import dev.kefu.FakeWeChat;
import dev.kefu.KefuInstances;
import dev.kefu.TestDatabases;
import dev.kefu.TestRedis;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned.Cause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox on the stores other than the embedded default: MariaDB as the database, and
 * Redis for tokens and allowances.
 */
class OtherStoresIntegrationTests {

	final FakeWeChat wechat = FakeWeChat.start();

	@AfterEach
	void stopFake() {
		this.wechat.close();
	}

	@Test
	void deliversOnMariadb() {
		try (ConfigurableApplicationContext kefu = KefuInstances.start(TestDatabases.freshMariadb(), this.wechat)) {
			assertWelcomeWithThreePartsSendsTwo(kefu);
		}
	}

	@Test
	void keepsTokensAndAllowancesInRedisWhenConfigured() {
		LettuceConnectionFactory factory = TestRedis.connect();
		try (ConfigurableApplicationContext kefu = KefuInstances.start(TestDatabases.freshH2(), this.wechat,
				"spring.data.redis.host=" + TestRedis.HOST, "spring.data.redis.port=" + TestRedis.PORT)) {
			String appId = assertWelcomeWithThreePartsSendsTwo(kefu);

			StringRedisTemplate redis = new StringRedisTemplate(factory);
			assertThat(redis.hasKey("kefu:wechat:{" + appId + "}:token")).isTrue();
			assertThat(redis.keys("kefu:outbox:allowance:{" + appId + "}:*")).hasSize(1);
			assertThat(
					kefu.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM wechat_token").query(Long.class).single())
				.isZero();
			assertThat(kefu.getBean(JdbcClient.class)
				.sql("SELECT COUNT(*) FROM outbox_allowance")
				.query(Long.class)
				.single()).isZero();
		}
		finally {
			factory.destroy();
		}
	}

	private String assertWelcomeWithThreePartsSendsTwo(ConfigurableApplicationContext kefu) {
		String appId = KefuInstances.registerApp(kefu, this.wechat);
		String user = "o-" + appId;
		KefuInstances.publish(kefu, KefuInstances.replyPlanned(appId, user, Cause.ENTERED_CHAT, new Reply.Text("w1"),
				new Reply.Text("w2"), new Reply.Text("w3")));
		Deliveries deliveries = kefu.getBean(Deliveries.class);
		await().until(() -> deliveries.list(appId, null, user, 10).stream().map(Delivery::status).sorted().toList(),
				(statuses) -> statuses
					.equals(List.of(DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.SKIPPED_QUOTA)));
		assertThat(this.wechat.sentTo(user)).extracting(FakeWeChat.Sent::text).containsExactly("w1", "w2");
		assertThat(this.wechat.violations()).isEmpty();
		return appId;
	}

}
