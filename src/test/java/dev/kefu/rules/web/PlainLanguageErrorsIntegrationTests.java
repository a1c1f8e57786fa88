package dev.kefu.rules.web;

import dev.kefu.InBrowser;
import dev.kefu.rules.RuleBook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console says when an import or a rule is refused, in a real browser: the
 * operator's words in the operator's language, naming the legacy key, the export's rule
 * or the keyword and the line or character where the mistake is, never the JSON parser's
 * or RE2's own text.
 */
class PlainLanguageErrorsIntegrationTests extends InBrowser {

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
	void aJsonMistakeIsToldByItsLineAndColumnNotByTheParser() {
		String error = importError("",
				"{\"1\": {\"type\": \"text\", \"text\": \"下载\"},\n \"2\": {\"type\": \"text\" \"text\": \"价格\"}}");

		assertThat(error).contains("第 2 行").contains("检查那里的引号、逗号和括号").doesNotContain("Unexpected character");
		assertThat(this.book.list(this.appId)).isEmpty();
	}

	@Test
	void aJsonMistakeIsToldInEnglishInEnglish() {
		String error = importError("?lang=en", "{\"1\": {\"type\": \"text\", \"text\": \"hello\"}");

		assertThat(error).contains("The JSON ends at line 1")
			.doesNotContain("Unexpected end-of-input")
			.doesNotContain("JSON 在");
	}

	@Test
	void aRefusedLegacyEntryIsNamedByItsKey() {
		String error = importError("",
				"{\"下载\": {\"type\": \"text\", \"text\": \"好\"}, \"价格\": {\"type\": \"video\"}, \"地址\": \"在这里\"}");

		assertThat(error.lines()).containsExactlyInAnyOrder("键“价格”的 type：type 只能是 text、link 或 image。",
				"键“地址”：必须是一个带 type 的对象。");
		assertThat(this.book.list(this.appId)).isEmpty();
	}

	@Test
	void aRefusedRuleOfAnExportIsNamedByItsNumberAndItsKeyword() {
		String error = importError("",
				"[" + exported("下载", "1", "EXACT") + ", " + exported("价格", "价格(元|块", "REGEX") + "]");

		assertThat(error).startsWith("第 2 条规则的关键词 1：正则表达式写错了：第 3 个字符的“(”没有配对的“)”。").doesNotContain("missing closing");
	}

	@Test
	void aValueOfTheWrongKindInAnExportNamesTheRuleAndTheField() {
		String error = importError("", "[" + exported("下载", "1", "EXACT") + ", "
				+ exported("价格", "价格", "EXACT").replace("\"KEYWORD\"", "\"SOMETIMES\"") + "]");

		assertThat(error).isEqualTo("第 2 条规则：“trigger” 的值“SOMETIMES”不对。");
	}

	@Test
	void anImageWhoseServerDoesNotExistIsSaidSoPlainly() {
		String error = importError("",
				"{\"图\": {\"type\": \"image\", \"url\": \"https://no-such-host.invalid/a.png\"}}");

		assertThat(error).isEqualTo("键“图”的 url：找不到图片所在的服务器“no-such-host.invalid”：请检查网址里的域名。");
	}

	@Test
	void aRegularExpressionKeywordIsRefusedInWordsBesideTheKeyword() {
		String error = regexKeywordError("", "价格(元|块");

		assertThat(error).isEqualTo("关键词“价格(元|块”：正则表达式写错了：第 3 个字符的“(”没有配对的“)”。");
		assertThat(browser.find("[data-chip].bad").getText()).contains("价格(元|块");
		assertThat(this.book.list(this.appId)).isEmpty();
	}

	@Test
	void regularExpressionMistakesAreNamedByWhatIsWrongAndWhere() {
		assertThat(regexKeywordError("", "元)")).endsWith("第 2 个字符的“)”前面没有配对的“(”。");
		assertThat(regexKeywordError("", "价格**")).endsWith("第 3 个字符连着写了两个次数符号“**”，去掉一个。");
		assertThat(regexKeywordError("", "(?=价格)")).endsWith("第 1 个字符的“(?=”RE2 不支持（例如 (?=…) 这样的环视）。");
	}

	@Test
	void aRegularExpressionMistakeIsToldInEnglishInEnglish() {
		String error = regexKeywordError("?lang=en", "price(usd");

		assertThat(error).isEqualTo(
				"Keyword \"price(usd\": The regular expression is wrong: the \"(\" at character 6 is never closed with \")\".");
	}

	/** Pastes {@code json} on the import page and returns the refusal shown for it. */
	private String importError(String query, String json) {
		browser.open("/apps/" + this.appId + "/rules/transfer" + query);
		browser.script("document.getElementById('import-json').value = arguments[0]", json);
		browser.click("[data-test=import]");
		assertThat(browser.all("[data-test=import-preview]")).isEmpty();
		return browser.await("[data-test=import-error]").getText();
	}

	/**
	 * Saves a new keyword rule with {@code regex} as a regular-expression keyword; the
	 * keyword's error.
	 */
	private String regexKeywordError(String query, String regex) {
		browser.open("/apps/" + this.appId + "/rules/new" + query);
		browser.type("#name", "正则规则");
		browser.find("[data-chip-input]").sendKeys(regex, Keys.ENTER);
		new Select(browser.find("[data-chip] [data-kw-match]")).selectByValue("REGEX");
		browser.type("[name='replies[0].content']", "价格表在这里");
		browser.click("[data-test=save]");
		browser.await("[data-test=form-errors]");
		return browser.find("[data-test=keyword-error]").getText();
	}

	private static String exported(String name, String keyword, String match) {
		return "{\"name\": \"" + name + "\", \"trigger\": \"KEYWORD\", \"priority\": 0, \"enabled\": true, "
				+ "\"replyMode\": \"ALL\", \"keywords\": [{\"text\": \"" + keyword + "\", \"match\": \"" + match
				+ "\"}], \"replies\": [{\"type\": \"text\", \"content\": \"好的\"}]}";
	}

}
