package dev.kefu.console;

import java.util.List;
import java.util.UUID;

import dev.kefu.InBrowser;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
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

	String appId;

	RuleDocument download;

	@BeforeEach
	void rules() {
		this.appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.registry.register(new AppDraft(this.appId, "下载助手", "secret-1", "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
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

}
