package dev.kefu.console;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.kefu.InBrowser;
import dev.kefu.apps.AppRegistry;
import dev.kefu.rules.AgentPresence;
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
 * The test console in a real browser: which rule answers, why, what would go to WeChat,
 * the allowance.
 */
class TestConsoleIntegrationTests extends InBrowser {

	@Autowired
	AppRegistry registry;

	@Autowired
	RuleBook book;

	@Autowired
	AgentPresence presence;

	String appId;

	RuleDocument download;

	@BeforeEach
	void rules() {
		this.appId = newApp("下载助手");
		this.download = this.book.create(this.appId,
				new RuleDocument(null, "下载APP", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("1", MatchMode.EXACT)), List.of(new ReplyItem("link", null,
								"点击下载 kefu App", "安卓和 iOS", "https://example.com/app", null, null, null, null)),
						null, null, null, null, null, null, null, null),
				"test");
		this.book.create(this.appId,
				new RuleDocument(null, "欢迎", Trigger.WELCOME, 0, true, ReplyMode.ALL, List.of(),
						List.of(new ReplyItem("text", "你好，回复 1 下载 App", null, null, null, null, null, null, null),
								new ReplyItem("text", "第二条", null, null, null, null, null, null, null),
								new ReplyItem("text", "第三条超出额度", null, null, null, null, null, null, null)),
						null, null, null, null, null, null, null, null),
				"test");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	@Test
	void showsWhichRuleAnswersWhyAndWhatGoesToWeChat() {
		browser.open("/apps/" + this.appId + "/test");
		browser.type("#test-text", "１");
		browser.click("[data-test=try]");
		browser.await("[data-test=test-result]");
		assertThat(browser.find("[data-test=test-result]").getAttribute("data-outcome")).isEqualTo("KEYWORD");
		assertThat(browser.find("[data-test=matched-rule]").getText()).isEqualTo("下载APP");
		assertThat(browser.find("[data-test=steps]").getText()).contains("“1”");
		assertThat(browser.find("[data-test=reply-json] pre").getText()).contains("\"msgtype\" : \"link\"")
			.contains("https://example.com/app");
		assertThat(browser.find("#test-phone [data-reply=link] .t").getText()).isEqualTo("点击下载 kefu App");
		browser.screenshot("test-console");
	}

	@Test
	void entersTheChatAndSeesTheWelcomeCutByTheAllowance() {
		browser.open("/apps/" + this.appId + "/test");
		browser.click("input[data-kind][value=enter]");
		browser.click("[data-kind-for=enter] button");
		browser.await("[data-test=test-result]");
		assertThat(browser.find("[data-test=outcome]").getText()).isEqualTo("欢迎语");
		List<String> verdicts = browser.all("[data-test=reply-json] .badge").stream().map((e) -> e.getText()).toList();
		assertThat(verdicts).containsExactly("额度内，会发送", "额度内，会发送", "超出额度，不会发送");
	}

	@Test
	void saysWhenNoRuleAnswers() {
		browser.open("/apps/" + this.appId + "/test");
		browser.type("#test-text", "随便说点什么");
		browser.click("[data-test=try]");
		assertThat(browser.await("[data-test=test-result]").getAttribute("data-outcome")).isEqualTo("NO_RULE");
		assertThat(browser.find("[data-test=steps]").getText()).contains("没有关键词匹配");
	}

	@Test
	void aRuleToAnAgentSaysWhetherAgentsAreThereAndWhoAnswersInstead() {
		this.book.create(this.appId,
				new RuleDocument(null, "转人工", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("人工", MatchMode.EXACT)),
						List.of(new ReplyItem("text", "正在为您接通", null, null, null, null, null, null, null),
								new ReplyItem("agent", null, null, null, null, null, null, null, null)),
						null, null, null, null, null, null, null, null),
				"test");
		this.book.create(this.appId,
				new RuleDocument(null, "客服不在线", Trigger.AGENTS_OFFLINE, 0, true, ReplyMode.ALL, List.of(),
						List.of(new ReplyItem("text", "客服不在线，请留言", null, null, null, null, null, null, null)), null,
						null, null, null, null, null, null, null),
				"test");

		// nobody has the desk open
		tryText("人工", "没有坐席在线");
		assertThat(browser.find("[data-test=matched-rule]").getText()).isEqualTo("客服不在线");
		assertThat(browser.find("[data-test=steps]").getText()).contains("“人工”").contains("“客服不在线”");
		assertThat(browser.find("#test-phone").getText()).contains("客服不在线，请留言").doesNotContain("正在为您接通");

		// an agent opens the desk (and stays online for 30 s after leaving it)
		browser.open("/apps/" + this.appId + "/desk");
		browser.until((driver) -> this.presence.online(this.appId));
		tryText("人工", "有坐席在线");
		assertThat(browser.find("[data-test=matched-rule]").getText()).isEqualTo("转人工");
		assertThat(browser.find("#test-phone").getText()).contains("正在为您接通");

		// the operator keeps the desk to hours that are not now; a form with no day is
		// refused first
		browser.open("/apps/" + this.appId + "/desk-settings");
		browser.click("[data-test=desk-hours-limited]");
		browser.submit("[data-test=desk-hours-save]");
		assertThat(browser.await("[data-test=desk-hours-error]").getText()).isEqualTo("请至少选择一天。");
		assertThat(browser.find("[data-test=desk-hours-limited]").isSelected()).isTrue();
		LocalTime now = LocalTime.now(this.registry.find(this.appId).orElseThrow().timeZone());
		DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
		for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
			browser.click("[data-test=desk-hours-" + day + "]");
		}
		browser.script("arguments[0].value = arguments[1]", browser.find("[data-test=desk-hours-from]"),
				now.plusHours(2).format(hhmm));
		browser.script("arguments[0].value = arguments[1]", browser.find("[data-test=desk-hours-until]"),
				now.plusHours(3).format(hhmm));
		browser.submit("[data-test=desk-hours-save]");
		assertThat(browser.all("[data-test=desk-hours-error]")).isEmpty();
		assertThat(this.presence.hours(this.appId)).isPresent();
		browser.open("/apps/" + this.appId + "/desk");
		browser.await("[data-test=desk-closed]");
		tryText("人工", "不在工作台的服务时间内");
		assertThat(browser.find("[data-test=matched-rule]").getText()).isEqualTo("客服不在线");
		assertThat(browser.find("#test-phone").getText()).contains("客服不在线，请留言");
	}

	/**
	 * Plays a text on the test console and waits for the steps to say {@code expected}.
	 */
	private void tryText(String text, String expected) {
		browser.open("/apps/" + this.appId + "/test");
		browser.type("#test-text", text);
		browser.click("[data-test=try]");
		browser.awaitText("[data-test=steps]", expected);
	}

}
