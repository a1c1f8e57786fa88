package dev.kefu.outbox.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.kefu.InBrowser;
import dev.kefu.outbox.Deliveries;
import dev.kefu.outbox.Delivery;
import dev.kefu.outbox.DeliveryStatus;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deliveries screen in a real browser: filter by status, a dead letter with WeChat's
 * error, retry.
 */
class DeliveryScreensIntegrationTests extends InBrowser {

	@Autowired
	Deliveries deliveries;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	String appId;

	@BeforeEach
	void app() {
		this.appId = newApp("下载助手");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	private void plan(String openId, Reply... replies) {
		this.transactions
			.executeWithoutResult((status) -> this.events.publishEvent(new ReplyPlanned(UUID.randomUUID().toString(),
					this.appId, openId, ReplyPlanned.Cause.USER_MESSAGE, Instant.now(), null, List.of(replies))));
	}

	private List<Delivery> settled(DeliveryStatus status) {
		return browser.until((d) -> {
			List<Delivery> found = this.deliveries.list(this.appId, status, null, 50);
			return found.isEmpty() ? null : found;
		});
	}

	@Test
	void showsADeadLetterWithWeChatsErrorAndRetriesIt() {
		plan("o_good_" + UUID.randomUUID(), new Reply.Text("下载地址在这里"),
				new Reply.Link("点击下载", "官方下载页", "https://example.com/app", null));
		String deadUser = "o_dead_" + UUID.randomUUID();
		plan(deadUser, new Reply.Text("这条发不出去"));
		Delivery dead = settled(DeliveryStatus.FAILED).get(0);
		browser.until((d) -> this.deliveries.list(this.appId, DeliveryStatus.SENT, null, 50).size() == 2 ? true : null);

		browser.open("/apps/" + this.appId + "/deliveries");
		assertThat(browser.all("tr[data-delivery]")).hasSize(3);
		browser.screenshot("deliveries");
		browser.click("a[data-status=FAILED]");
		assertThat(browser.all("tr[data-delivery]")).hasSize(1);
		assertThat(browser.find("tr[data-delivery]").getText()).contains("40003").contains("invalid openid");

		browser.click("tr[data-delivery='" + dead.id() + "'] [data-test=retry]");
		assertThat(browser.await("[data-test=notice]").getText()).contains("已重新排队");
		// sent once more to WeChat, which refuses it again
		browser.until((d) -> WECHAT.sendAttempts(deadUser) == 2 ? true : null);
	}

}
