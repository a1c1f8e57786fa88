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

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile text in rule names and reply fields, in a real browser with the
 * Content-Security-Policy on: shown as text, never run, and a link card's thumbUrl never
 * reaches CSS.
 */
class EscapingIntegrationTests extends InBrowser {

	static final String SCRIPT = "<img src=x onerror=\"window.kefuXss=1\"><script>window.kefuXss=2</script>";

	/** Closes the old CSS url('…') and draws an outside image over the whole page. */
	static final String CSS_ESCAPE = "https://evil.example/x.png');position:fixed;top:0;left:0;width:100vw;"
			+ "height:100vh;z-index:9999;background:url('https://evil.example/big.png";

	@Autowired
	RuleBook book;

	String appId;

	@BeforeEach
	void app() {
		this.appId = newApp("escaping");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	private RuleDocument rule() {
		return this.book.create(this.appId,
				new RuleDocument(null, "name " + SCRIPT, Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("k" + SCRIPT, MatchMode.EXACT)),
						List.of(new ReplyItem("text", "text " + SCRIPT, null, null, null, null, null, null, null),
								new ReplyItem("link", null, "title " + SCRIPT, "description " + SCRIPT,
										"https://example.com/download", CSS_ESCAPE, null, null, null)),
						null, null, null, null, null, null, null, null),
				"test");
	}

	@Test
	void showsHostileRuleNamesAndRepliesAsText() {
		RuleDocument rule = rule();

		browser.open("/apps/" + this.appId + "/rules");
		assertThat(browser.await("main").getText()).contains("name " + SCRIPT);
		browser.open("/apps/" + this.appId + "/rules/" + rule.id());
		browser.await("#preview [data-reply=link]");

		assertThat(browser.find("#preview [data-reply=text] .bubble").getText()).isEqualTo("text " + SCRIPT);
		assertThat(browser.find("#preview [data-reply=link] .t").getText()).isEqualTo("title " + SCRIPT);
		assertThat(browser.script("return typeof window.kefuXss")).isEqualTo("undefined");
	}

	@Test
	void showsALinkCardThumbnailAsAnImageNeverInCss() {
		RuleDocument rule = rule();

		browser.open("/apps/" + this.appId + "/rules/" + rule.id());
		browser.await("#preview [data-reply=link]");

		assertThat(browser.find("#preview [data-reply=link] .thumb img").getAttribute("src")).isEqualTo(CSS_ESCAPE);
		assertThat(browser.script("return document.querySelectorAll('[style*=\"evil\"]').length")).isEqualTo(0L);
		assertThat(browser.script("return Array.from(document.querySelectorAll('body *')).filter("
				+ "(e) => getComputedStyle(e).position === 'fixed' && e.offsetWidth >= window.innerWidth"
				+ " && e.offsetHeight >= window.innerHeight).length"))
			.isEqualTo(0L);
	}

}
