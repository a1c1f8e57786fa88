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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule's version history in a real browser: each version's change, field by field, in
 * the operator's language.
 */
class RuleHistoryScreensIntegrationTests extends InBrowser {

	@Autowired
	RuleBook book;

	String appId;

	RuleDocument rule;

	@BeforeEach
	void ruleWithTwoVersions() {
		this.appId = newApp("下载助手");
		this.rule = this.book.create(this.appId,
				new RuleDocument(null, "问候", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("你好", MatchMode.EXACT)),
						List.of(new ReplyItem("text", "第一版回答", null, null, null, null, null, null, null)), null, null,
						null, null, null, null, null, null),
				"creator");
		this.book.update(this.appId, this.rule.id(),
				new RuleDocument(null, "问候", Trigger.KEYWORD, 3, true, ReplyMode.ALL,
						List.of(new KeywordItem("你好", MatchMode.EXACT), new KeywordItem("hi", MatchMode.CONTAINS)),
						List.of(new ReplyItem("text", "第二版回答", null, null, null, null, null, null, null), new ReplyItem(
								"link", null, "下载", null, "https://example.com/app", null, null, null, null)),
						null, null, null, null, null, null, null, null),
				"editor");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	@Test
	void showsEachVersionsChangeFieldByField() {
		browser.open("/apps/" + this.appId + "/rules/" + this.rule.id() + "/versions");

		WebElement update = browser.find("tr[data-version='2']");
		assertThat(row(update, "优先级")).containsExactly("0", "3");
		assertThat(row(update, "关键词")).containsExactly("你好 (精准)", "你好 (精准)、hi (包含)");
		assertThat(row(update, "回复 1 · 文字")).containsExactly("第一版回答", "第二版回答");
		assertThat(row(update, "回复 2 · 类型")).containsExactly("—", "链接卡片");
		assertThat(row(update, "回复 2 · 链接")).containsExactly("—", "https://example.com/app");
		assertThat(update.findElements(By.cssSelector("[data-test=diff-row]"))).as("only what changed").hasSize(6);
		// the creation shows what the rule was made with
		browser.click("tr[data-version='1'] summary");
		assertThat(row(browser.find("tr[data-version='1']"), "名称")).containsExactly("—", "问候");
		// no raw JSON anywhere
		assertThat(browser.all("main pre")).isEmpty();
		assertThat(browser.find("main").getText()).doesNotContain("\"replies\"").doesNotContain("\"content\"");
		browser.screenshot("rule-history-diff");
	}

	@Test
	void showsTheChangesInEnglish() {
		browser.open("/apps/" + this.appId + "/rules/" + this.rule.id() + "/versions?lang=en");
		try {
			WebElement update = browser.find("tr[data-version='2']");
			assertThat(row(update, "Priority")).containsExactly("0", "3");
			assertThat(row(update, "Reply 1 · text")).containsExactly("第一版回答", "第二版回答");
			assertThat(row(update, "Reply 2 · type")).containsExactly("—", "Link card");
		}
		finally {
			browser.open("/apps/" + this.appId + "/rules?lang=zh-CN");
		}
	}

	@Test
	void fitsAPhoneScreen() {
		try {
			browser.phone().open("/apps/" + this.appId + "/rules/" + this.rule.id() + "/versions");
			assertThat(browser.overflowsSideways()).isFalse();
		}
		finally {
			browser.desktop();
		}
	}

	/** The before and after of a diff row, by its label. */
	private static List<String> row(WebElement version, String label) {
		WebElement row = version.findElements(By.cssSelector("[data-test=diff-row]"))
			.stream()
			.filter((r) -> r.findElement(By.tagName("th")).getText().equals(label))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row " + label + " in " + version.getText()));
		return List.of(row.findElement(By.cssSelector("[data-test=before]")).getText(),
				row.findElement(By.cssSelector("[data-test=after]")).getText());
	}

}
