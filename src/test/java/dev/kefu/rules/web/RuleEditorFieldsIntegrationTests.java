package dev.kefu.rules.web;

import dev.kefu.InBrowser;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule editor's fields in a real browser: a text reply's length counted live in
 * characters, only the fields the chosen trigger takes, each error at its own field, and
 * a link the rule could not be saved with marked in the preview.
 */
class RuleEditorFieldsIntegrationTests extends InBrowser {

	@Autowired
	RuleBook book;

	String appId;

	@BeforeEach
	void app() {
		this.appId = newApp("下载助手");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	/**
	 * The language chosen is kept in a cookie that outlives signing out: back to Chinese.
	 */
	@AfterEach
	void chinese() {
		browser.open("/login?lang=zh-CN");
	}

	@Test
	void countsATextReplyInCharactersAsItIsTyped() {
		browser.open("/apps/" + this.appId + "/rules/new");
		assertThat(counter().getText()).isEqualTo("0 字");

		browser.find("[name='replies[0].content']").sendKeys("你好 kefu");
		assertThat(counter().getText()).isEqualTo("7 字");

		// an emoji is one character to the reader, though two UTF-16 units and four UTF-8
		// bytes
		content("你好 kefu😀");
		assertThat(counter().getText()).isEqualTo("8 字");
		assertThat(counter().getAttribute("class")).doesNotContain("warn").doesNotContain("over");
	}

	@Test
	void warnsNearWeChatsLimitAndSaysHowMuchIsOver() {
		browser.open("/apps/" + this.appId + "/rules/new");

		content("价".repeat(600));
		// 1800 of WeChat's 2048 bytes: 248 bytes left, 82 Chinese characters
		assertThat(counter().getText()).isEqualTo("600 字 · 快到微信的长度上限了：大约还能写 82 个汉字（或 248 个英文字母）");
		assertThat(counter().getAttribute("class")).contains("warn");

		content("价".repeat(700));
		// 2100 bytes: 52 too many, 18 Chinese characters
		assertThat(counter().getText()).isEqualTo("700 字 · 超出了微信的长度上限：请删掉大约 18 个汉字");
		assertThat(counter().getAttribute("class")).contains("over");
	}

	@Test
	void countsInEnglishInEnglish() {
		browser.open("/apps/" + this.appId + "/rules/new?lang=en");

		browser.find("[name='replies[0].content']").sendKeys("hello");

		assertThat(counter().getText()).isEqualTo("5 characters");
	}

	@Test
	void aTextTooLongIsRefusedAtItsField() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "太长的回复");
		browser.find("[data-chip-input]").sendKeys("长", Keys.ENTER);
		content("价".repeat(700));
		browser.click("[data-test=save]");

		browser.await("[data-test=form-errors]");
		WebElement field = fieldOf("[name='replies[0].content']");
		assertThat(field.getAttribute("class")).contains("has-error");
		assertThat(field.findElement(org.openqa.selenium.By.cssSelector(".error")).getText()).startsWith("太长了");
		assertThat(this.book.list(this.appId)).isEmpty();
	}

	@Test
	void showsCooldownAndSessionFromOnlyForTheTriggersThatTakeThem() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.click("details.field summary");
		assertThat(shown("#cooldownMinutes")).isFalse();
		assertThat(shown("#sessionFrom")).isFalse();
		assertThat(browser.find("#cooldownMinutes").isEnabled()).isFalse();

		new Select(browser.find("#trigger")).selectByValue("DEFAULT");
		assertThat(shown("#cooldownMinutes")).isTrue();
		assertThat(shown("#sessionFrom")).isFalse();
		assertThat(shown("[data-keywords]")).isFalse();

		new Select(browser.find("#trigger")).selectByValue("WELCOME");
		assertThat(shown("#cooldownMinutes")).isTrue();
		assertThat(shown("#sessionFrom")).isTrue();
		// WeChat never transfers an entering of the chat: a welcome rule is not offered
		// the transfer
		// (a hidden option is left out of the select's list)
		assertThat(browser.script(
				"return document.querySelector('[data-reply-card] [data-reply-type] option[value=transfer]').hidden"))
			.isEqualTo(true);
		new Select(browser.find("#trigger")).selectByValue("KEYWORD");
		assertThat(browser.script(
				"return document.querySelector('[data-reply-card] [data-reply-type] option[value=transfer]').hidden"))
			.isEqualTo(false);
	}

	@Test
	void savesAKeywordRuleThatHandsTheUserToAnAgent() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "人工");
		browser.find("[data-chip-input]").sendKeys("人工", Keys.ENTER);
		new Select(browser.find("[data-reply-card] [data-reply-type]")).selectByValue("agent");
		browser.click("[data-test=save]");

		browser.await("[data-test=notice]");
		RuleDocument saved = this.book.list(this.appId).get(0);
		assertThat(saved.replies()).extracting(RuleDocument.ReplyItem::type).containsExactly("agent");
	}

	@Test
	void savesAnAgentsOfflineRuleWhichIsNotOfferedAHandOver() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.click("details.field summary");
		new Select(browser.find("#trigger")).selectByValue("AGENTS_OFFLINE");
		assertThat(shown("#cooldownMinutes")).isTrue();
		assertThat(shown("[data-keywords]")).isFalse();
		assertThat(browser
			.script("return document.querySelector('[data-reply-card] [data-reply-type] option[value=agent]').hidden"))
			.isEqualTo(true);
		browser.type("#name", "客服不在线");
		browser.type("[name='replies[0].content']", "客服暂时不在线，请留言。");
		browser.click("[data-test=save]");

		browser.await("[data-test=notice]");
		assertThat(this.book.list(this.appId).get(0).trigger()).isEqualTo(Trigger.AGENTS_OFFLINE);
	}

	@Test
	void savesAKeywordRuleWithoutTheCooldownTypedForAnotherTrigger() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "先选了默认回复");
		browser.click("details.field summary");
		new Select(browser.find("#trigger")).selectByValue("DEFAULT");
		browser.type("#cooldownMinutes", "30");
		new Select(browser.find("#trigger")).selectByValue("KEYWORD");
		browser.find("[data-chip-input]").sendKeys("价格", Keys.ENTER);
		browser.type("[name='replies[0].content']", "价格表在这里");
		browser.click("[data-test=save]");

		browser.await("[data-test=notice]");
		RuleDocument saved = this.book.list(this.appId).get(0);
		assertThat(saved.trigger()).isEqualTo(Trigger.KEYWORD);
		assertThat(saved.cooldown()).isNull();
	}

	@Test
	void anHttpLinkIsMarkedInThePreviewAndRefusedAtItsField() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "下载");
		browser.find("[data-chip-input]").sendKeys("下载", Keys.ENTER);
		new Select(browser.find("[data-reply-card] [data-reply-type]")).selectByValue("link");
		browser.type("[name='replies[0].title']", "下载 kefu");
		browser.type("[name='replies[0].url']", "http://example.com/app");

		assertThat(browser.await("#preview [data-test=invalid-link]").getText()).isEqualTo("链接必须是 https:// 开头的网址。");
		assertThat(browser.all("#preview .link-card.invalid")).hasSize(1);

		browser.click("[data-test=save]");
		browser.await("[data-test=form-errors]");
		WebElement url = fieldOf("[name='replies[0].url']");
		assertThat(url.getAttribute("class")).contains("has-error");
		assertThat(url.findElement(org.openqa.selenium.By.cssSelector(".error")).getText())
			.isEqualTo("链接必须是 https:// 开头的网址。");
		// the error is at the link's field, not above the reply
		assertThat(fieldOf("[name='replies[0].title']").getAttribute("class")).doesNotContain("has-error");
		assertThat(browser.all("[data-reply-card] > [data-test=reply-error]")).isEmpty();

		browser.type("[name='replies[0].url']", "https://example.com/app");
		browser.until((d) -> browser.all("#preview [data-test=invalid-link]").isEmpty());
		assertThat(browser.all("#preview .link-card.invalid")).isEmpty();
	}

	private WebElement counter() {
		return browser.find("[data-reply-card] [data-test=counter]");
	}

	/** Puts {@code text} into the first reply at once, as a paste would. */
	private void content(String text) {
		browser.script("var a = document.querySelector(\"[name='replies[0].content']\"); a.value = arguments[0];"
				+ " a.dispatchEvent(new Event('input', {bubbles: true}));", text);
	}

	private WebElement fieldOf(String css) {
		return (WebElement) browser.script("return document.querySelector(arguments[0]).closest('.field')", css);
	}

	/**
	 * Whether the field of {@code css} is shown (not hidden, nor inside something
	 * hidden).
	 */
	private boolean shown(String css) {
		return (Boolean) browser.script("var el = document.querySelector(arguments[0]);"
				+ " return !el.closest('[hidden]') && el.getClientRects().length > 0;", css);
	}

}
