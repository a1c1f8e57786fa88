package dev.kefu.rules.web;

import java.util.List;
import java.util.Map;

import dev.kefu.InBrowser;
import dev.kefu.media.Assets;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.TestImages;
import dev.kefu.rules.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule screens in a real browser: editor and preview, errors and conflicts in place,
 * list, history, import/export.
 */
class RuleScreensIntegrationTests extends InBrowser {

	@Autowired
	RuleBook book;

	@Autowired
	Assets assets;

	String appId;

	@BeforeEach
	void app() {
		this.appId = newApp("下载助手");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	private RuleDocument textRule(String name, String keyword, String text) {
		return this.book.create(this.appId,
				new RuleDocument(null, name, Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem(keyword, MatchMode.EXACT)),
						List.of(new ReplyItem("text", text, null, null, null, null, null, null, null)), null, null,
						null, null, null, null, null, null),
				"test");
	}

	@Test
	void createsARuleWithALinkReplyAndSeesItsPreview() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "下载APP");
		browser.find("[data-chip-input]").sendKeys("1", Keys.ENTER);
		browser.find("[data-chip-input]").sendKeys("下载", Keys.ENTER);
		new Select(browser.find("[data-chip]:nth-of-type(2) [data-kw-match]")).selectByValue("CONTAINS");
		new Select(browser.find("[data-reply-card] [data-reply-type]")).selectByValue("link");
		browser.type("[name='replies[0].title']", "点击下载 kefu App");
		browser.type("[name='replies[0].description']", "安卓和 iOS 都可以下载");
		browser.type("[name='replies[0].url']", "https://example.com/download");
		browser.awaitText("#preview [data-reply=link] .u", "https://example.com/download");
		assertThat(browser.find("#preview [data-reply=link] .t").getText()).isEqualTo("点击下载 kefu App");
		assertThat(browser.find("#preview .msg.me .bubble").getText()).isEqualTo("1");

		browser.click("[data-reply-add]");
		browser.type("[name='replies[1].content']", "也可以回复 2 看图片");
		browser.awaitText("#preview", "也可以回复 2 看图片");
		browser.click("[data-reply-card]:nth-of-type(2) [data-reply-up]");
		// read in the page: htmx replaces the preview while it is being looked at
		browser.until((d) -> "text".equals(browser.script(
				"var r = document.querySelector('#preview [data-reply]'); return r && r.getAttribute('data-reply');")));
		browser.screenshot("rule-editor");
		browser.click("[data-test=save]");

		browser.await("[data-test=notice]");
		RuleDocument saved = this.book.list(this.appId).get(0);
		assertThat(saved.name()).isEqualTo("下载APP");
		assertThat(saved.keywords()).containsExactly(new KeywordItem("1", MatchMode.EXACT),
				new KeywordItem("下载", MatchMode.CONTAINS));
		assertThat(saved.replies()).extracting(ReplyItem::type).containsExactly("text", "link");
		assertThat(saved.replies().get(1).url()).isEqualTo("https://example.com/download");
		assertThat(browser.path()).isEqualTo("/apps/" + this.appId + "/rules/" + saved.id());
		// the saved rule opens with its preview
		assertThat(browser.find("#preview [data-reply=link] .t").getText()).isEqualTo("点击下载 kefu App");
	}

	@Test
	void marksANewLinkCardTrackedByDefaultAndKeepsTheChoiceAndUtmParametersOnEdit() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "下载");
		browser.find("[data-chip-input]").sendKeys("1", Keys.ENTER);
		new Select(browser.find("[data-reply-card] [data-reply-type]")).selectByValue("link");
		browser.type("[name='replies[0].title']", "下载 App");
		browser.type("[name='replies[0].url']", "https://example.com/download?channel=kefu");
		assertThat(browser.find("[data-reply-card] [data-test=tracked]").isSelected()).isTrue();
		browser.type("[name='replies[0].utm[source]']", "kefu");
		browser.type("[name='replies[0].utm[campaign]']", "spring");
		browser.click("[data-test=save]");

		browser.await("[data-test=notice]");
		ReplyItem tracked = this.book.list(this.appId).get(0).replies().get(0);
		assertThat(tracked.tracked()).isTrue();
		assertThat(tracked.utm()).containsExactly(Map.entry("source", "kefu"), Map.entry("campaign", "spring"));

		// the saved rule opens with the box ticked and the parameters filled; untick it
		// and save
		assertThat(browser.find("[data-reply-card] [data-test=tracked]").isSelected()).isTrue();
		assertThat(browser.find("[name='replies[0].utm[campaign]']").getAttribute("value")).isEqualTo("spring");
		browser.click("[data-reply-card] [data-test=tracked]");
		browser.click("[data-test=save]");

		browser.until((d) -> this.book.list(this.appId).get(0).replies().get(0).tracked() == null ? true : null);
		ReplyItem untracked = this.book.list(this.appId).get(0).replies().get(0);
		assertThat(untracked.url()).isEqualTo("https://example.com/download?channel=kefu");
		assertThat(untracked.utm()).isNull();
		browser.open("/apps/" + this.appId + "/rules/" + this.book.list(this.appId).get(0).id());
		assertThat(browser.find("[data-reply-card] [data-test=tracked]").isSelected()).isFalse();
	}

	@Test
	void tracksTheUrlsOfATextReplyOnlyWhenItsBoxIsTicked() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "文字链接");
		browser.find("[data-chip-input]").sendKeys("2", Keys.ENTER);
		browser.type("[name='replies[0].content']", "下载：https://example.com/download");
		assertThat(browser.find("[data-reply-card] [data-test=tracked-text]").isSelected()).isFalse();
		browser.click("[data-reply-card] [data-test=tracked-text]");
		browser.type("[name='replies[0].utm[source]']", "kefu");
		browser.click("[data-test=save]");

		browser.await("[data-test=notice]");
		ReplyItem text = this.book.list(this.appId).get(0).replies().get(0);
		assertThat(text.type()).isEqualTo("text");
		assertThat(text.tracked()).isTrue();
		assertThat(text.utm()).containsExactly(Map.entry("source", "kefu"));
		assertThat(browser.find("[data-reply-card] [data-test=tracked-text]").isSelected()).isTrue();
	}

	@Test
	void tracksAMiniProgramCardOnlyWhenItsBoxIsTicked() {
		String cover = this.assets.store(this.appId, "cover.png", TestImages.png(300, 240)).id();
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "商城");
		browser.find("[data-chip-input]").sendKeys("3", Keys.ENTER);
		new Select(browser.find("[data-reply-card] [data-reply-type]")).selectByValue("miniprogrampage");
		browser.type("[name='replies[0].title']", "打开商城");
		browser.type("[name='replies[0].pagePath']", "pages/shop/index");
		new Select(browser.find("[name='replies[0].thumbAssetId']")).selectByValue(cover);
		assertThat(browser.find("[data-reply-card] [data-test=tracked-page]").isSelected()).isFalse();
		browser.click("[data-reply-card] [data-test=tracked-page]");
		browser.click("[data-test=save]");

		browser.await("[data-test=notice]");
		ReplyItem page = this.book.list(this.appId).get(0).replies().get(0);
		assertThat(page.type()).isEqualTo("miniprogrampage");
		assertThat(page.tracked()).isTrue();
		assertThat(page.utm()).isNull();
		assertThat(browser.find("[data-reply-card] [data-test=tracked-page]").isSelected()).isTrue();
	}

	@Test
	void theEditorFitsAPhoneScreen() {
		textRule("下载APP", "1", "下载地址在这里");
		String id = this.book.list(this.appId).get(0).id();
		try {
			browser.phone().open("/apps/" + this.appId + "/rules/" + id);
			assertThat(browser.overflowsSideways()).isFalse();
			assertThat(browser.find("#side").getLocation().getX()).isNegative();
			browser.click("[data-toggle-nav]");
			browser.until((d) -> browser.find("#side").getLocation().getX() >= 0 ? true : null);
		}
		finally {
			browser.desktop();
		}
	}

	@Test
	void showsValidationErrorsBesideTheirFields() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "坏规则");
		new Select(browser.find("[data-reply-card] [data-reply-type]")).selectByValue("link");
		browser.type("[name='replies[0].title']", "标题");
		browser.type("[name='replies[0].url']", "http://not-https.example.com");
		browser.click("[data-test=save]");
		browser.await("[data-test=form-errors]");
		assertThat(browser.find(".has-error [data-test=keyword-error]").isDisplayed()).isTrue();
		assertThat(browser.find("[data-reply-card].reply-invalid [data-test=reply-error]").getText()).isNotBlank();
		// what was typed is still there
		assertThat(browser.find("#name").getAttribute("value")).isEqualTo("坏规则");
		assertThat(browser.find("[name='replies[0].url']").getAttribute("value"))
			.isEqualTo("http://not-https.example.com");
		browser.screenshot("rule-errors");
		assertThat(this.book.list(this.appId)).isEmpty();
	}

	@Test
	void showsAConflictingExactKeywordWithTheOtherRule() {
		RuleDocument other = textRule("已有规则", "价格", "价格表在这里");
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "重复的");
		browser.find("[data-chip-input]").sendKeys("价格", Keys.ENTER);
		browser.type("[name='replies[0].content']", "另一个回答");
		browser.click("[data-test=save]");
		assertThat(browser.await("[data-test=conflict]").getText()).contains("已有规则");
		assertThat(browser.find("[data-test=conflict] a").getAttribute("href")).endsWith("/rules/" + other.id());
		assertThat(browser.find("[data-chip].bad").getText()).contains("价格");
	}

	@Test
	void listsRulesWithSearchFiltersAndTheSwitch() {
		textRule("下载APP", "1", "下载地址");
		RuleDocument price = textRule("价格", "价格", "价格表");
		browser.open("/apps/" + this.appId + "/rules");
		assertThat(browser.all("tr[data-rule]")).hasSize(2);
		browser.screenshot("rules");
		browser.type("[data-test=search]", "价");
		browser.until((d) -> browser.all("tr[data-rule]").size() == 1);
		assertThat(browser.find("tr[data-rule]").getAttribute("data-rule")).isEqualTo(price.id());
		browser.click("tr[data-rule] .switch span");
		browser.until((d) -> Boolean.FALSE.equals(this.book.get(this.appId, price.id()).enabled()));
	}

	@Test
	void namesEachKeywordsMatchTypeInTheList() {
		this.book.create(this.appId,
				new RuleDocument(null, "价格", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("价格", MatchMode.EXACT), new KeywordItem("多少钱", MatchMode.CONTAINS),
								new KeywordItem("\\d+元", MatchMode.REGEX)),
						List.of(new ReplyItem("text", "价格表", null, null, null, null, null, null, null)), null, null,
						null, null, null, null, null, null),
				"test");
		browser.open("/apps/" + this.appId + "/rules");

		// shown on the page, not in a tooltip
		assertThat(browser.all("tr[data-rule] [data-test=keyword]")).extracting(org.openqa.selenium.WebElement::getText)
			.containsExactly("价格精准", "多少钱包含", "\\d+元正则");
		assertThat(browser.find("[data-test=keyword][data-match=CONTAINS] .kw-match").isDisplayed()).isTrue();
		try {
			browser.phone().open("/apps/" + this.appId + "/rules");
			assertThat(browser.find("[data-test=keyword][data-match=REGEX] .kw-match").isDisplayed()).isTrue();
			assertThat(browser.overflowsSideways()).isFalse();
		}
		finally {
			browser.desktop();
		}
	}

	@Test
	void restoresAnEarlierVersion() {
		RuleDocument rule = textRule("问候", "你好", "第一版回答");
		this.book.update(this.appId, rule.id(),
				new RuleDocument(null, "问候", Trigger.KEYWORD, 0, true, ReplyMode.ALL, rule.keywords(),
						List.of(new ReplyItem("text", "第二版回答", null, null, null, null, null, null, null)), null, null,
						null, null, null, null, null, null),
				"editor");
		browser.open("/apps/" + this.appId + "/rules/" + rule.id() + "/versions");
		assertThat(browser.all("tr[data-version]")).hasSize(2);
		browser.screenshot("rule-history");
		browser.script("window.confirm = function () { return true; }");
		browser.click("tr[data-version='1'] [data-test=restore]");
		browser.await("[data-test=notice]");
		assertThat(this.book.get(this.appId, rule.id()).replies().get(0).content()).isEqualTo("第一版回答");
		assertThat(browser.all("tr[data-version]")).hasSize(3);
	}

	@Test
	void importsTheLegacyMapAndExportsNativeJson() {
		browser.open("/apps/" + this.appId + "/rules/transfer");
		browser.type("#import-json",
				"{\"1\": {\"type\": \"link\", \"title\": \"下载\", \"description\": \"点我\", "
						+ "\"url\": \"https://example.com/app\", \"thumb_url\": \"https://example.com/t.png\"}, "
						+ "\"default\": {\"type\": \"text\", \"text\": \"回复 1 下载 App\"}}");
		browser.click("[data-test=import]");
		browser.await("[data-test=apply-import]").click();
		assertThat(browser.await("[data-test=notice]").getText()).contains("2");
		assertThat(this.book.list(this.appId)).extracting(RuleDocument::trigger)
			.containsExactlyInAnyOrder(Trigger.KEYWORD, Trigger.DEFAULT);
		browser.screenshot("import-export");
		assertThat(browser.find("[data-test=export]").getAttribute("href")).endsWith("/rules/export");
	}

}
