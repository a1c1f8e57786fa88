package dev.kefu.rules.web;

import java.util.List;

import dev.kefu.InBrowser;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule that can never answer is saved, with a warning in the form that names the rule
 * that answers instead and why; and the test console says which rule lost and why.
 */
class RuleShadowScreensIntegrationTests extends InBrowser {

	@Autowired
	RuleBook book;

	String appId;

	@BeforeEach
	void app() {
		this.appId = newApp("下载助手");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	@Test
	void warnsOnSaveThatASecondDefaultRuleNeverAnswers() {
		RuleDocument first = rule("默认一", Trigger.DEFAULT, 0, null, null);
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "默认二");
		new Select(browser.find("#trigger")).selectByValue("DEFAULT");
		browser.type("[name='replies[0].content']", "第二个默认回复");
		browser.click("[data-test=save]");

		browser.await("[data-test=notice]");
		assertThat(this.book.list(this.appId)).extracting(RuleDocument::name).contains("默认二");
		String warning = browser.await("[data-test=shadows]").getText();
		assertThat(warning).contains("这条规则永远不会回复").contains("默认一").contains("创建得更早");
		assertThat(browser.find("[data-test=shadow] a").getAttribute("href")).endsWith("/rules/" + first.id());
		browser.screenshot("rule-shadowed");
	}

	@Test
	void warnsOnSaveThatAnExactKeywordIsAlwaysAnsweredByAnotherRule() {
		RuleDocument any = rule("含价", Trigger.KEYWORD, 5, "价", MatchMode.CONTAINS);
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "价格表");
		browser.find("[data-chip-input]").sendKeys("价格", Keys.ENTER);
		browser.find("[data-chip-input]").sendKeys("报价单", Keys.ENTER);
		browser.type("[name='replies[0].content']", "价格表在这里");
		browser.click("[data-test=save]");

		browser.await("[data-test=notice]");
		assertThat(browser.all("[data-test=shadow]")).hasSize(2);
		assertThat(browser.find("[data-test=shadows]").getText()).contains("关键词 “价格” 永远不会生效")
			.contains("含价")
			.contains("优先级更高");
		assertThat(browser.find("[data-test=shadow]").getAttribute("data-winner")).isEqualTo(any.id());
	}

	@Test
	void saysNothingAboutARuleThatAnswers() {
		rule("默认一", Trigger.DEFAULT, 0, null, null);
		RuleDocument own = rule("下载", Trigger.KEYWORD, 0, "1", MatchMode.EXACT);

		browser.open("/apps/" + this.appId + "/rules/" + own.id());

		browser.await("#rule-form");
		assertThat(browser.all("[data-test=shadows]")).isEmpty();
	}

	@Test
	void theTestConsoleNamesTheRuleThatLostAndWhy() {
		rule("含价", Trigger.KEYWORD, 5, "价", MatchMode.CONTAINS);
		rule("价格表", Trigger.KEYWORD, 0, "价格", MatchMode.EXACT);
		rule("默认一", Trigger.DEFAULT, 1, null, null);
		rule("默认二", Trigger.DEFAULT, 0, null, null);

		browser.open("/apps/" + this.appId + "/test");
		browser.type("#test-text", "价格");
		browser.click("[data-test=try]");
		String steps = browser.await("[data-test=steps]").getText();
		assertThat(steps).contains("也匹配 “价格”（精准）→ 规则“价格表”，优先级 0，但规则“含价”胜出：它的优先级更高");

		browser.type("#test-text", "随便问问");
		browser.click("[data-test=try]");
		// read in the page: htmx replaces the result while it is being looked at
		browser.until((d) -> "DEFAULT".equals(browser.script(
				"var r = document.querySelector('[data-test=test-result]'); return r && r.getAttribute('data-outcome');")));
		assertThat(browser.find("[data-test=steps]").getText()).contains("规则“默认二”（优先级 0）没有回复：规则“默认一”先回复，它的优先级更高");
	}

	private RuleDocument rule(String name, Trigger trigger, int priority, String keyword, MatchMode match) {
		return this.book.create(this.appId,
				new RuleDocument(null, name, trigger, priority, true, ReplyMode.ALL,
						(keyword != null) ? List.of(new KeywordItem(keyword, match)) : List.of(),
						List.of(new ReplyItem("text", name + " 的回复", null, null, null, null, null, null, null)), null,
						null, null, null, null, null, null, null),
				"test");
	}

}
