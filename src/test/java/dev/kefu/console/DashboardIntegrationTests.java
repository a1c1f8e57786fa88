package dev.kefu.console;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.kefu.InBrowser;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.inbox.MessageReceived;
import dev.kefu.outbox.Deliveries;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDecisions;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: messages, hit rate, top rules and deliveries of a day
 * of traffic.
 */
class DashboardIntegrationTests extends InBrowser {

	@Autowired
	AppRegistry registry;

	@Autowired
	RuleBook book;

	@Autowired
	RuleDecisions decisions;

	@Autowired
	Deliveries deliveries;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	private RuleDocument rule(String appId, String name, Trigger trigger, String keyword, ReplyItem reply) {
		return this.book.create(appId,
				new RuleDocument(null, name, trigger, 0, true, ReplyMode.ALL,
						(keyword != null) ? List.of(new KeywordItem(keyword, MatchMode.EXACT)) : List.of(),
						List.of(reply), null, null, null, null, null, null, null, null),
				"test");
	}

	private void receive(String appId, String openId, String text) {
		this.transactions
			.executeWithoutResult((status) -> this.events.publishEvent(new MessageReceived(UUID.randomUUID().toString(),
					appId, openId, "text", null, text, null, Instant.now(), false)));
	}

	@Test
	void theReadmesConsoleAddressLeadsToAnAppAfterSignIn() {
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.registry.register(new AppDraft(appId, "kefu 演示", "secret-1", "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
		browser.signOut();

		browser.open("/apps");
		browser.await("#username");
		browser.type("#username", ADMIN).type("#password", ADMIN_PASSWORD).click("button[type=submit]");

		String landed = browser.until((d) -> browser.path().matches("/apps/wx[0-9a-f]{16}") ? browser.path() : null);
		assertThat(landed).startsWith("/apps/wx");
	}

	@Test
	void theReadmesConsoleAddressLeadsToTheAppBeingWorkedOn() {
		String first = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String second = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.registry.register(new AppDraft(first, "第一个", "secret-1", "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
		this.registry.register(new AppDraft(second, "第二个", "secret-1", "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);

		browser.open("/apps/" + first + "/rules");
		browser.open("/apps");
		assertThat(browser.path()).isEqualTo("/apps/" + first);

		browser.open("/apps/" + second + "/rules");
		browser.open("/apps");
		assertThat(browser.path()).isEqualTo("/apps/" + second);
	}

	@Test
	void theHitRateCountsMessagesButNotUsersEnteringTheChat() {
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.registry.register(new AppDraft(appId, "kefu 演示", "secret-1", "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
		rule(appId, "价格", Trigger.KEYWORD, "价格",
				new ReplyItem("text", "价格表：…", null, null, null, null, null, null, null));
		rule(appId, "欢迎", Trigger.WELCOME, null,
				new ReplyItem("text", "欢迎光临", null, null, null, null, null, null, null));
		// four users enter the chat (each welcomed), and send four messages, one of which
		// a keyword answers
		for (int i = 0; i < 4; i++) {
			String openId = "o_enter_" + i;
			this.transactions.executeWithoutResult(
					(status) -> this.events.publishEvent(new MessageReceived(UUID.randomUUID().toString(), appId,
							openId, "event", "user_enter_tempsession", null, null, Instant.now(), false)));
			receive(appId, openId, (i == 0) ? "价格" : "随便问问");
		}
		browser.until((d) -> this.decisions.recent(appId, false, 50).size() == 8 ? true : null);

		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/apps/" + appId);

		assertThat(browser.await("[data-test=messages-today]").getText()).isEqualTo("4");
		// one of four messages, not one (or five) of eight decisions
		assertThat(browser.find("[data-test=panel-messages]").getText()).contains("25%");
	}

	@Test
	void showsTheDaysMessagesHitsTopRulesAndDeliveries() {
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.registry.register(new AppDraft(appId, "kefu 演示", "secret-1", "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
		rule(appId, "下载APP", Trigger.KEYWORD, "1",
				new ReplyItem("link", null, "点击下载", "官方下载页", "https://example.com/app", null, null, null, null));
		rule(appId, "价格", Trigger.KEYWORD, "价格",
				new ReplyItem("text", "价格表：…", null, null, null, null, null, null, null));
		rule(appId, "兜底", Trigger.DEFAULT, null,
				new ReplyItem("text", "回复 1 下载 App", null, null, null, null, null, null, null));
		String[] texts = { "1", "1", "1", "1", "1", "1", "价格", "价格", "价格", "你好", "在吗", "人工" };
		for (int i = 0; i < texts.length; i++) {
			receive(appId, "o_user_" + i, texts[i]);
		}
		browser.until((d) -> this.decisions.recent(appId, false, 50).size() == texts.length ? true : null);

		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/apps/" + appId);
		assertThat(browser.await("[data-test=messages-today]").getText()).isEqualTo("12");
		assertThat(browser.find("[data-test=panel-messages]").getText()).contains("75%");
		assertThat(browser.await("[data-test=panel-rules] tr").getText()).contains("下载APP").contains("6");
		browser.await("[data-test=panel-deliveries]");
		browser.await("[data-test=delivery-rate]");
		browser.until((d) -> browser.all("[data-test=chart] canvas").isEmpty() ? null : true);
		browser.screenshot("dashboard");
	}

}
