package dev.kefu.outbox;

import java.time.Duration;
import java.util.List;

import dev.kefu.FakeWeChat;
import dev.kefu.FakeWeChat.Answer;
import dev.kefu.KefuInstances;
import dev.kefu.TestDatabases;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import dev.kefu.rules.ReplyPlanned.Cause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deliveries outlive the instance that planned them. */
class OutboxRestartIntegrationTests {

	final FakeWeChat wechat = FakeWeChat.start();

	final String database = TestDatabases.freshH2();

	@AfterEach
	void stopFake() {
		this.wechat.close();
	}

	@Test
	void aNewInstanceDeliversWhatAStoppedOneLeftPending() {
		String appId;
		String user = "o-restart-user";
		ReplyPlanned planned;
		try (ConfigurableApplicationContext first = KefuInstances.start(this.database, this.wechat)) {
			appId = KefuInstances.registerApp(first, this.wechat);
			this.wechat.answer(user, java.util.Collections.nCopies(1000, Answer.http(503)).toArray(Answer[]::new));
			planned = KefuInstances.replyPlanned(appId, user, Cause.USER_MESSAGE, new Reply.Text("one"),
					new Reply.Text("two"));
			KefuInstances.publish(first, planned);
			Deliveries deliveries = first.getBean(Deliveries.class);
			await().until(() -> deliveries.list(appId, DeliveryStatus.RETRYING, user, 10).size() == 1);
		}
		this.wechat.clearAnswers(user);
		assertThat(this.wechat.sentTo(user)).isEmpty();

		try (ConfigurableApplicationContext second = KefuInstances.start(this.database, this.wechat)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.wechat.sentTo(user).size() == 2);
			Deliveries deliveries = second.getBean(Deliveries.class);
			await().until(() -> deliveries.list(appId, DeliveryStatus.SENT, user, 10).size() == 2);
		}
		assertThat(this.wechat.sentTo(user)).extracting(FakeWeChat.Sent::text).containsExactly("one", "two");
	}

	@Test
	void anAttemptLeftBehindByACrashedInstanceIsTakenOver() {
		String user = "o-crash-user";
		String appId;
		try (ConfigurableApplicationContext first = KefuInstances.start(this.database, this.wechat)) {
			appId = KefuInstances.registerApp(first, this.wechat);
			this.wechat.answer(user, java.util.Collections.nCopies(1000, Answer.http(503)).toArray(Answer[]::new));
			KefuInstances.publish(first,
					KefuInstances.replyPlanned(appId, user, Cause.USER_MESSAGE, new Reply.Text("survives")));
			Deliveries deliveries = first.getBean(Deliveries.class);
			await().until(() -> deliveries.list(appId, DeliveryStatus.RETRYING, user, 10).size() == 1);
		}
		this.wechat.clearAnswers(user);
		// What kill -9 in the middle of an attempt leaves: the part claimed, its hold run
		// out.
		long longAgo = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
		JdbcClient jdbc = JdbcClient
			.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(this.database, "sa", ""));
		assertThat(jdbc
			.sql("UPDATE outbox_delivery SET status = 'PENDING', next_attempt_at = ?, updated_at = ? "
					+ "WHERE open_id = ?")
			.params(longAgo, longAgo, user)
			.update()).isEqualTo(1);

		try (ConfigurableApplicationContext second = KefuInstances.start(this.database, this.wechat)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.wechat.sentTo(user).size() == 1);
		}
		assertThat(this.wechat.sentTo(user)).extracting(FakeWeChat.Sent::text).isEqualTo(List.of("survives"));
	}

}
