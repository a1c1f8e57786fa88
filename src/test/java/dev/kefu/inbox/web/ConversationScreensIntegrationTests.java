package dev.kefu.inbox.web;

import java.net.http.HttpClient;
import java.util.List;
import java.util.UUID;

import dev.kefu.InBrowser;
import dev.kefu.outbox.Deliveries;
import dev.kefu.outbox.DeliveryStatus;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through the real push endpoint: a user's message is answered by a rule, and
 * the console shows the hit and the delivery; what no rule matched lands in the unmatched
 * inbox.
 */
class ConversationScreensIntegrationTests extends InBrowser {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	RuleBook book;

	@Autowired
	Deliveries deliveries;

	String appId;

	@BeforeEach
	void app() {
		this.appId = newApp("下载助手");
		this.book.create(this.appId,
				new RuleDocument(null, "下载APP", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("1", MatchMode.EXACT)), List.of(new ReplyItem("link", null,
								"点击下载 kefu App", "安卓和 iOS 都可以", "https://example.com/app", null, null, null, null)),
						null, null, null, null, null, null, null, null),
				"test");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	@Test
	void aPushedMessageShowsItsHitAndItsDelivery() throws Exception {
		String user = "o_e2e_" + UUID.randomUUID().toString().substring(0, 8);
		pushText(this.appId, user, "1");
		browser.until((d) -> this.deliveries.list(this.appId, DeliveryStatus.SENT, user, 10).isEmpty() ? null : true);

		browser.open("/apps/" + this.appId + "/conversations");
		browser.click("tr[data-user='" + user + "'] a");
		assertThat(browser.await("[data-test=incoming] .bubble").getText()).isEqualTo("1");
		assertThat(browser.awaitText("[data-test=hit]", "下载APP").getText()).contains("下载APP");
		assertThat(browser.await("[data-test=outgoing] [data-reply=link] .t").getText()).isEqualTo("点击下载 kefu App");
		assertThat(browser.find("[data-test=outgoing]").getAttribute("data-status")).isEqualTo("SENT");
		assertThat(browser.find("[data-test=outgoing] .badge").getText()).isEqualTo("已送达");
		browser.screenshot("conversation");

		browser.open("/apps/" + this.appId + "/rules");
		assertThat(browser.find("tr[data-rule] td.num").getText()).isEqualTo("1");
		browser.open("/apps/" + this.appId + "/deliveries?status=SENT");
		assertThat(browser.find("tr[data-delivery]").getText()).contains(user.substring(0, 10));
	}

	@Test
	void marksWhereTheUserWasHandedOverAndWhatWasHeldBack() throws Exception {
		this.book.create(this.appId,
				new RuleDocument(null, "转人工", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("转人工", MatchMode.EXACT)),
						List.of(new ReplyItem("text", "正在为您转接…", null, null, null, null, null, null, null),
								new ReplyItem("transfer", null, null, null, null, null, null, null, null)),
						null, null, null, null, null, null, null, null),
				"test");
		String user = "o_handover_" + UUID.randomUUID().toString().substring(0, 8);
		pushText(this.appId, user, "转人工");
		pushText(this.appId, user, "1");

		browser.open("/apps/" + this.appId + "/conversations/" + user);
		browser.awaitText("[data-test=outgoing]", "正在为您转接…");
		assertThat(browser.all("[data-test=handover]")).hasSize(1);
		// the mark follows the replies to the message that transferred, before the next
		// message
		assertThat(browser.script("var m = document.querySelector('[data-test=handover]');"
				+ " return m.previousElementSibling.textContent.indexOf('正在为您转接') >= 0"
				+ " && m.nextElementSibling.getAttribute('data-test') === 'incoming';"))
			.isEqualTo(true);
		assertThat(browser.find("[data-test=handover]").getText()).contains("已转人工客服");
		browser.until((d) -> browser.all("[data-test=hit][data-outcome=HANDED_OVER]").size() == 1 ? true : null);
		assertThat(browser.find("[data-test=hit][data-outcome=HANDED_OVER]").getText()).contains("不自动回复");
		assertThat(browser.all("[data-test=outgoing]")).hasSize(1);
	}

	@Test
	void hostilePushedTextAndOpenIdsShowAsTextAndNeverRun() throws Exception {
		String script = "<img src=x onerror=\"window.kefuXss=1\"><script>window.kefuXss=2</script>";
		String user = "o_" + UUID.randomUUID().toString().substring(0, 6) + "'\"><svg onload=window.kefuXss=3>";
		pushText(this.appId, user, "hi " + script);

		browser.open("/apps/" + this.appId + "/unmatched");
		List<String> unmatched = browser.until((d) -> {
			List<String> texts = browser.all("[data-test=unmatched] .bubble").stream().map((e) -> e.getText()).toList();
			return texts.isEmpty() ? null : texts;
		});
		assertThat(unmatched).containsExactly("hi " + script);
		browser.open("/apps/" + this.appId + "/conversations");
		assertThat(browser.await("tr[data-user] .mono").getAttribute("textContent")).isEqualTo(user);
		assertThat(browser.find("tr[data-user]").getAttribute("data-user")).isEqualTo(user);
		browser.click("tr[data-user] a");
		assertThat(browser.await("[data-test=incoming] .bubble").getText()).isEqualTo("hi " + script);
		assertThat(browser.script("return typeof window.kefuXss")).isEqualTo("undefined");
		assertThat(browser
			.script("return document.querySelectorAll('main script, main svg[onload], main img[onerror]').length"))
			.isEqualTo(0L);
	}

	@Test
	void whatNoRuleMatchedBecomesARuleInTwoClicks() throws Exception {
		pushText(this.appId, "o_u1_" + UUID.randomUUID().toString().substring(0, 6), "人工客服");
		pushText(this.appId, "o_u2_" + UUID.randomUUID().toString().substring(0, 6), "人工客服");
		pushText(this.appId, "o_u3_" + UUID.randomUUID().toString().substring(0, 6), "营业时间");
		pushText(this.appId, "o_u4_" + UUID.randomUUID().toString().substring(0, 6), "1");
		browser.open("/apps/" + this.appId + "/unmatched");
		List<String> rows = browser.until((d) -> {
			List<String> texts = browser.all("[data-test=unmatched] .bubble").stream().map((e) -> e.getText()).toList();
			return (texts.size() == 2) ? texts : null;
		});
		assertThat(rows).containsExactly("人工客服", "营业时间");
		assertThat(browser.find("[data-test=unmatched] td.num strong").getText()).isEqualTo("2");
		browser.screenshot("unmatched");
		browser.click("[data-test=unmatched] [data-test=create-rule]");
		assertThat(browser.await("[data-chip] .chip-text").getText()).isEqualTo("人工客服");
		assertThat(browser.find("#name").getAttribute("value")).isEqualTo("人工客服");
	}

}
