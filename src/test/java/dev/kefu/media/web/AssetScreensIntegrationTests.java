package dev.kefu.media.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import dev.kefu.InBrowser;
import dev.kefu.media.Asset;
import dev.kefu.media.Assets;
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

/** The console's asset screen in a real browser, with a rule that shows an asset. */
class AssetScreensIntegrationTests extends InBrowser {

	/** A 1×1 PNG. */
	static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

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

	@Test
	void uploadsAnAssetAndRefusesToDeleteItWhileARuleShowsIt() throws Exception {
		Path file = Files.createTempFile("pixel", ".png");
		Files.write(file, PNG);
		browser.open("/apps/" + this.appId + "/assets");
		browser.find("[data-test=file]").sendKeys(file.toString());
		browser.await("[data-test=asset-notice]");
		List<Asset> stored = this.assets.list(this.appId);
		assertThat(stored).hasSize(1);
		String assetId = stored.get(0).id();
		RuleDocument rule = this.book.create(this.appId,
				new RuleDocument(null, "看图", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("2", MatchMode.EXACT)),
						List.of(new ReplyItem("image", null, null, null, null, null, assetId, null, null)), null, null,
						null, null, null, null, null, null),
				"test");
		browser.open("/apps/" + this.appId + "/assets");
		assertThat(browser.find("[data-asset='" + assetId + "'] [data-test=used-by]").getText()).contains("看图");
		assertThat(browser.find("[data-asset='" + assetId + "'] [data-test=used-by] a").getDomAttribute("href"))
			.endsWith("/apps/" + this.appId + "/rules/" + rule.id());
		browser.script("window.confirm = function () { return true; }");
		browser.click("[data-asset='" + assetId + "'] [data-test=delete-asset]");
		assertThat(browser.awaitText("[data-test=asset-notice]", "看图").getText()).contains("不能删除");
		assertThat(this.assets.find(this.appId, assetId)).isPresent();
		browser.screenshot("assets");
	}

}
