package dev.kefu.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.kefu.FakeWeChat;
import dev.kefu.KefuInstances;
import dev.kefu.TestDatabases;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import dev.kefu.rules.ReplyPlanned.Cause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances of kefu sharing one PostgreSQL database. */
class TwoInstancesIntegrationTests {

	final FakeWeChat wechat = FakeWeChat.start();

	@AfterEach
	void stopFake() {
		this.wechat.close();
	}

	@Test
	void twoApplicationContextsOnOnePostgresDatabaseDeliverEachReplyOnce() throws Exception {
		String database = TestDatabases.freshPostgres();
		try (ConfigurableApplicationContext first = KefuInstances.start(database, this.wechat);
				ConfigurableApplicationContext second = KefuInstances.start(database, this.wechat)) {
			String appId = KefuInstances.registerApp(first, this.wechat);
			await().until(() -> second.getBean(dev.kefu.apps.Apps.class).find(appId).isPresent());
			List<ReplyPlanned> planned = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				planned.add(KefuInstances.replyPlanned(appId, "o-user-" + i, Cause.USER_MESSAGE,
						new Reply.Text(i + "/1"), new Reply.Text(i + "/2")));
			}
			// Each reply is planned by one instance, and a quarter of them by the other
			// instance as
			// well: the second plan is refused by the database and changes nothing.
			ExecutorService publishers = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> published = new ArrayList<>();
				for (int i = 0; i < planned.size(); i++) {
					ReplyPlanned event = planned.get(i);
					ConfigurableApplicationContext owner = (i % 2 == 0) ? first : second;
					ConfigurableApplicationContext other = (owner == first) ? second : first;
					published.add(publishers.submit(() -> planOnce(owner, event)));
					if (i % 4 == 0) {
						published.add(publishers.submit(() -> planOnce(other, event)));
					}
				}
				for (Future<?> future : published) {
					future.get();
				}
			}
			finally {
				publishers.shutdown();
			}

			await().atMost(Duration.ofSeconds(60)).until(() -> this.wechat.sent().size() >= 80);
			Deliveries deliveries = first.getBean(Deliveries.class);
			await().until(() -> deliveries.list(appId, DeliveryStatus.SENT, null, 500).size() == 80);
			Map<String, Long> sendsPerPart = this.wechat.sent()
				.stream()
				.collect(Collectors.groupingBy((sent) -> sent.openId() + ":" + sent.text(), Collectors.counting()));
			assertThat(sendsPerPart).hasSize(80).allSatisfy((part, sends) -> assertThat(sends).isEqualTo(1));
			Map<String, List<String>> textsPerUser = this.wechat.sent()
				.stream()
				.collect(Collectors.groupingBy(FakeWeChat.Sent::openId,
						Collectors.mapping(FakeWeChat.Sent::text, Collectors.toList())));
			assertThat(textsPerUser).allSatisfy((user, texts) -> assertThat(texts)
				.containsExactly(user.substring(7) + "/1", user.substring(7) + "/2"));
			assertThat(this.wechat.tokenFetches(appId)).isEqualTo(1);
			assertThat(this.wechat.violations()).isEmpty();
		}
	}

	/** Plans the reply, unless the other instance did first. */
	private static void planOnce(ConfigurableApplicationContext instance, ReplyPlanned planned) {
		try {
			KefuInstances.publish(instance, planned);
		}
		catch (DuplicateKeyException ex) {
			// the database refused the second plan; the other instance's stands
		}
	}

}
