package dev.kefu.rules.web;

import java.util.List;

import dev.kefu.InBrowser;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.RuleVersion;
import dev.kefu.rules.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy import in a real browser, as an operator with live rules meets it: a preview
 * of every rule it would create or change, field by field, that changes nothing; the
 * import made only on confirmation (and only as previewed); links to every changed rule;
 * one undo.
 */
class RuleImportScreensIntegrationTests extends InBrowser {

	/**
	 * Keyword "1" changes to a link card, "default" replaces the edited default reply,
	 * "3" is new.
	 */
	private static final String MAP = """
			{"1": {"type": "link", "title": "下载 kefu", "description": "点我下载", "url": "https://example.com/app"},
			 "default": {"type": "text", "text": "导入的默认回复"},
			 "3": {"type": "text", "text": "新关键词"}}""";

	@Autowired
	RuleBook book;

	String appId;

	RuleDocument download;

	RuleDocument fallback;

	@BeforeEach
	void liveRules() {
		this.appId = newApp("下载助手");
		this.download = this.book.create(this.appId, rule("下载", Trigger.KEYWORD, "1", "运营改过的下载说明"), "operator");
		this.fallback = this.book.create(this.appId, rule("默认", Trigger.DEFAULT, null, "运营改过的默认回复"), "operator");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	@Test
	void previewsTheImportFieldByFieldAndChangesNothingUntilConfirmed() {
		preview(MAP);

		assertThat(browser.find("[data-test=preview-summary]").getText()).contains("新建 1 条").contains("更新 2 条");
		WebElement changed = browser.find("[data-test=preview-rule][data-source='1']");
		assertThat(changed.getAttribute("data-kind")).isEqualTo("UPDATED");
		assertThat(changed.getText()).contains("下载");
		assertThat(rowOf(changed, "回复 1 · 类型")).contains("文字", "链接卡片");
		assertThat(rowOf(changed, "回复 1 · 文字")).contains("运营改过的下载说明");
		assertThat(rowOf(changed, "回复 1 · 链接")).contains("https://example.com/app");
		assertThat(rowOf(browser.find("[data-test=preview-rule][data-source=default]"), "回复 1 · 文字"))
			.contains("运营改过的默认回复", "导入的默认回复");
		assertThat(browser.find("[data-test=preview-rule][data-source='3']").getAttribute("data-kind"))
			.isEqualTo("CREATED");
		browser.screenshot("import-preview");
		// nothing is saved by the preview
		assertThat(this.book.list(this.appId)).hasSize(2);
		assertThat(this.book.get(this.appId, this.download.id()).version()).isEqualTo(1);

		browser.click("[data-test=apply-import]");

		browser.await("[data-test=import-result]");
		List<RuleDocument> rules = this.book.list(this.appId);
		assertThat(rules).hasSize(3);
		assertThat(this.book.get(this.appId, this.download.id()).replies().get(0).type()).isEqualTo("link");
		assertThat(this.book.get(this.appId, this.fallback.id()).replies().get(0).content()).isEqualTo("导入的默认回复");
		// every changed rule is linked
		String created = rules.stream().filter((r) -> "3".equals(r.name())).findFirst().orElseThrow().id();
		assertThat(browser.all("[data-test=changed-rule]")).extracting((li) -> li.getAttribute("data-rule"))
			.containsExactlyInAnyOrder(this.download.id(), this.fallback.id(), created);
		assertThat(browser.find("[data-test=changed-rule][data-rule='" + created + "'] a").getAttribute("href"))
			.endsWith("/apps/" + this.appId + "/rules/" + created);
	}

	@Test
	void undoesTheImportInOneStep() {
		preview(MAP);
		browser.click("[data-test=apply-import]");
		browser.await("[data-test=import-result]");

		browser.script("window.confirm = function () { return true; }");
		browser.submit("[data-test=undo-import]");

		assertThat(browser.await("[data-test=notice]").getText()).contains("3");
		assertThat(this.book.list(this.appId)).extracting(RuleDocument::id)
			.containsExactlyInAnyOrder(this.download.id(), this.fallback.id());
		assertThat(this.book.get(this.appId, this.download.id()).replies().get(0).content()).isEqualTo("运营改过的下载说明");
		assertThat(this.book.get(this.appId, this.fallback.id()).replies().get(0).content()).isEqualTo("运营改过的默认回复");
		assertThat(this.book.versions(this.appId, this.download.id())).extracting(RuleVersion::change)
			.containsExactly(RuleVersion.Change.RESTORED, RuleVersion.Change.IMPORTED, RuleVersion.Change.CREATED);
	}

	@Test
	void refusesToUndoWhenARuleWasEditedAfterTheImport() {
		preview(MAP);
		browser.click("[data-test=apply-import]");
		browser.await("[data-test=import-result]");
		this.book.update(this.appId, this.fallback.id(), rule("默认", Trigger.DEFAULT, null, "导入后又改了"), "someone");

		browser.script("window.confirm = function () { return true; }");
		browser.submit("[data-test=undo-import]");

		assertThat(browser.await("[data-test=import-error]").getText()).contains("默认").contains("导入之后又被修改过");
		assertThat(this.book.list(this.appId)).hasSize(3);
		assertThat(this.book.get(this.appId, this.download.id()).replies().get(0).type()).isEqualTo("link");
	}

	@Test
	void showsTheImportAgainWhenTheRulesChangedAfterThePreview() {
		preview(MAP);
		this.book.update(this.appId, this.download.id(), rule("下载", Trigger.KEYWORD, "1", "预览之后改的"), "someone");

		browser.click("[data-test=apply-import]");

		browser.await("[data-test=stale]");
		assertThat(this.book.list(this.appId)).hasSize(2);
		assertThat(rowOf(browser.find("[data-test=preview-rule][data-source='1']"), "回复 1 · 文字")).contains("预览之后改的");
		browser.click("[data-test=apply-import]");
		browser.await("[data-test=import-result]");
		assertThat(this.book.list(this.appId)).hasSize(3);
	}

	@Test
	void fitsAPhoneScreen() {
		try {
			browser.phone();
			preview(MAP);
			assertThat(browser.overflowsSideways()).isFalse();
		}
		finally {
			browser.desktop();
		}
	}

	private void preview(String map) {
		browser.open("/apps/" + this.appId + "/rules/transfer");
		browser.script("document.getElementById('import-json').value = arguments[0]", map);
		browser.click("[data-test=import]");
		browser.await("[data-test=import-preview]");
	}

	/** The text of the diff row with this label in a previewed rule. */
	private static String rowOf(WebElement rule, String label) {
		return rule.findElements(org.openqa.selenium.By.cssSelector("[data-test=diff-row]"))
			.stream()
			.filter((row) -> row.findElement(org.openqa.selenium.By.tagName("th")).getText().equals(label))
			.map(WebElement::getText)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row " + label + " in " + rule.getText()));
	}

	private static RuleDocument rule(String name, Trigger trigger, String keyword, String text) {
		return new RuleDocument(null, name, trigger, 0, true, ReplyMode.ALL,
				(keyword != null) ? List.of(new KeywordItem(keyword, MatchMode.EXACT)) : List.of(),
				List.of(new ReplyItem("text", text, null, null, null, null, null, null, null)), null, null, null, null,
				null, null, null, null);
	}

}
