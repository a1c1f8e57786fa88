package dev.kefu.console;

import java.util.List;
import java.util.UUID;

import dev.kefu.Browser;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edits are not lost, in a real browser: leaving the rule or app editor with unsaved
 * changes asks first, and when the session runs out while editing, signing in again leads
 * back to the same page of the same app with what was typed put back (never a password
 * field's content).
 */
class UnsavedChangesIntegrationTests extends InBrowser {

	@Autowired
	AppRegistry registry;

	@Autowired
	RuleBook book;

	String appId;

	RuleDocument rule;

	/** A browser that lets the tests answer "leave this page?" themselves. */
	@BeforeAll
	static void askingBrowser() {
		browser.close();
		browser = new Browser(true);
	}

	@BeforeEach
	void app() {
		// another app first, so that "home" after signing in would be somewhere else
		this.registry.register(new AppDraft(newAppId(), "另一个小程序", "secret-1", "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
		this.appId = newAppId();
		this.registry.register(new AppDraft(this.appId, "编辑中的小程序", "secret-1", "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
		this.rule = this.book.create(this.appId,
				new RuleDocument(null, "价格", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("价格", MatchMode.EXACT)),
						List.of(new ReplyItem("text", "价格表在这里", null, null, null, null, null, null, null)), null, null,
						null, null, null, null, null, null),
				"test");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
		browser.script("window.sessionStorage.clear()");
	}

	private static String newAppId() {
		return "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	private String editor() {
		return "/apps/" + this.appId + "/rules/" + this.rule.id();
	}

	/**
	 * The session ends on the server's side: the browser still holds a cookie nobody
	 * knows.
	 */
	private void endSession() {
		browser.driver().manage().deleteCookieNamed("JSESSIONID");
		browser.driver()
			.manage()
			.addCookie(new Cookie("JSESSIONID", "EXPIRED" + UUID.randomUUID().toString().replace("-", "")));
	}

	/** Clicks a link away and answers the question the page asks ("leave this page?"). */
	private void leaveFor(String css, boolean leave) {
		browser.click(css);
		Alert question = browser.until(ExpectedConditions.alertIsPresent());
		if (leave) {
			question.accept();
		}
		else {
			question.dismiss();
		}
	}

	/** Whatever a test left typed, the next one starts on a page that asks nothing. */
	@AfterEach
	void leave() {
		browser.script("window.location.href = 'about:blank'");
		browser.until((d) -> {
			try {
				d.switchTo().alert().accept();
			}
			catch (WebDriverException ex) {
				// no question asked
			}
			try {
				return "about:blank".equals(d.getCurrentUrl()) ? true : null;
			}
			catch (WebDriverException ex) {
				return null;
			}
		});
	}

	@Test
	void asksBeforeLeavingARuleWithUnsavedChangesAndNotWhenSavingIt() {
		browser.open(editor());
		browser.type("#name", "价格表");
		leaveFor("#side a.nav[href$='/rules']", false);
		assertThat(browser.path()).isEqualTo(editor());
		assertThat(browser.find("#name").getAttribute("value")).isEqualTo("价格表");
		browser.click("[data-test=save]");
		assertThat(browser.await("[data-test=notice]").getText()).isEqualTo("规则已保存。");
		assertThat(this.book.get(this.appId, this.rule.id()).name()).isEqualTo("价格表");
		// saved: nothing is kept and nothing asked any more
		assertThat(browser.script("return window.sessionStorage.getItem('kefu.draft')")).isNull();
		browser.click("#side a.nav[href$='/rules']");
		browser.until((d) -> browser.path().equals("/apps/" + this.appId + "/rules") ? true : null);
	}

	@Test
	void leavesAnUntouchedRuleWithoutAsking() {
		browser.open(editor());
		browser.click("#side a.nav[href$='/rules']");
		browser.until((d) -> browser.path().equals("/apps/" + this.appId + "/rules") ? true : null);
	}

	@Test
	void aSaveAfterTheSessionEndedSignsInAndReturnsToTheRuleWithWhatWasTyped() {
		browser.open(editor());
		browser.type("#name", "价格（新）");
		browser.find("[data-chip-input]").sendKeys("多少钱", Keys.ENTER);
		browser.click("[data-reply-add]");
		browser.type("[name='replies[1].content']", "也可以问客服");
		endSession();
		browser.click("[data-test=save]");
		browser.until((d) -> browser.path().startsWith("/login") ? true : null);
		assertThat(browser.path()).isEqualTo("/login?expired");
		assertThat(browser.find("[data-test=returning]").getText()).isEqualTo("登录后会回到刚才的页面。");

		browser.type("#username", ADMIN).type("#password", ADMIN_PASSWORD).click("button[type=submit]");
		browser.until((d) -> !browser.path().startsWith("/login") ? true : null);
		assertThat(browser.path()).isEqualTo(editor());
		assertThat(browser.await("[data-test=draft-restored]").getText()).contains("没保存的修改已恢复");
		assertThat(browser.find("#name").getAttribute("value")).isEqualTo("价格（新）");
		assertThat(browser.all("[data-chip] .chip-text")).extracting((e) -> e.getText()).containsExactly("价格", "多少钱");
		assertThat(browser.find("[name='replies[1].content']").getAttribute("value")).isEqualTo("也可以问客服");
		browser.awaitText("#preview", "也可以问客服");

		browser.click("[data-test=save]");
		browser.await("[data-test=notice]");
		RuleDocument saved = this.book.get(this.appId, this.rule.id());
		assertThat(saved.name()).isEqualTo("价格（新）");
		assertThat(saved.keywords()).extracting(KeywordItem::text).containsExactly("价格", "多少钱");
		assertThat(saved.replies()).extracting(ReplyItem::content).containsExactly("价格表在这里", "也可以问客服");
	}

	@Test
	void typingAfterTheSessionEndedKeepsTheDraftThroughSigningIn() {
		browser.open(editor());
		endSession();
		// the live preview is the first to find out
		browser.find("[name='replies[0].content']").sendKeys("（已更新）");
		browser.until((d) -> browser.path().startsWith("/login") ? true : null);
		browser.type("#username", ADMIN).type("#password", ADMIN_PASSWORD).click("button[type=submit]");
		browser.until((d) -> !browser.path().startsWith("/login") ? true : null);
		assertThat(browser.path()).isEqualTo(editor());
		browser.await("[data-test=draft-restored]");
		assertThat(browser.find("[name='replies[0].content']").getAttribute("value")).isEqualTo("价格表在这里（已更新）");
	}

	@Test
	void aDiscardedDraftLeavesTheRuleAsItWasSaved() {
		browser.open(editor());
		browser.type("#name", "不要了");
		endSession();
		browser.click("[data-test=save]");
		browser.until((d) -> browser.path().startsWith("/login") ? true : null);
		browser.signIn(ADMIN, ADMIN_PASSWORD);
		assertThat(browser.path()).isEqualTo(editor());
		browser.await("[data-test=draft-restored]");
		browser.click("[data-test=discard-draft]");
		browser.until((d) -> browser.all("[data-test=draft-restored]").isEmpty() ? true : null);
		assertThat(browser.find("#name").getAttribute("value")).isEqualTo("价格");
	}

	@Test
	void theAppFormAsksBeforeLeavingAndKeepsNoSecretInTheBrowser() {
		browser.open("/admin/apps/" + this.appId);
		browser.type("#name", "改了名字");
		browser.type("#secret", "a-brand-new-app-secret");
		Object kept = browser.script("return window.sessionStorage.getItem('kefu.draft')");
		assertThat(kept).asString().contains("改了名字").doesNotContain("a-brand-new-app-secret");
		leaveFor("#side a.nav[href='/admin/users']", true);
		browser.until((d) -> browser.path().equals("/admin/users") ? true : null);
		assertThat(browser.script("return window.sessionStorage.getItem('kefu.draft')")).isNull();
	}

}
