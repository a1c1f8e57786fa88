package dev.kefu.rules.web;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.kefu.InBrowser;
import dev.kefu.media.Asset;
import dev.kefu.media.Assets;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule editor's image picker in a real browser: the app's images as thumbnails,
 * images uploaded elsewhere (another tab) seen when it opens, and an upload from within
 * that is chosen.
 */
class ImagePickerIntegrationTests extends InBrowser {

	@Autowired
	Assets assets;

	@Autowired
	RuleBook book;

	String appId;

	Asset banner;

	@BeforeEach
	void appWithAnImage() {
		this.appId = newApp("下载助手");
		this.banner = this.assets.store(this.appId, "banner.png", TestImages.png(40, 30));
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	@Test
	void choosesAnImageByItsThumbnail() {
		imageReply();

		browser.click("[data-reply-card] [data-test=pick-asset]");

		WebElement choice = browser.await("[data-test=asset-choice][data-asset-choice='" + this.banner.id() + "']");
		assertThat(choice.getText()).isEqualTo("banner.png");
		browser.until((d) -> loaded(choice.findElement(org.openqa.selenium.By.tagName("img"))) ? true : null);
		browser.screenshot("image-picker");
		choice.click();

		assertThat(
				new Select(browser.find("[name='replies[0].assetId']")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo(this.banner.id());
		WebElement thumb = browser.find("[data-reply-card] [data-asset-thumb]");
		browser.until((d) -> thumb.isDisplayed() && loaded(thumb) ? true : null);
		browser.await("#preview [data-reply=image] img");
		assertThat(browser.find("[data-test=asset-dialog]").isDisplayed()).isFalse();

		browser.click("[data-test=save]");
		browser.await("[data-test=notice]");
		assertThat(this.book.list(this.appId).get(0).replies().get(0).assetId()).isEqualTo(this.banner.id());
	}

	@Test
	void seesAnImageUploadedElsewhereWhenItOpens() {
		imageReply();
		// another tab (or another operator) uploads while this editor is open
		Asset later = this.assets.store(this.appId, "poster.png", TestImages.png(20, 20));

		browser.click("[data-reply-card] [data-test=pick-asset]");

		browser.await("[data-test=asset-choice][data-asset-choice='" + later.id() + "']").click();
		assertThat(new Select(browser.find("[name='replies[0].assetId']")).getFirstSelectedOption().getText())
			.isEqualTo("poster.png");
	}

	@Test
	void uploadsFromWithinAndChoosesTheUpload() throws Exception {
		imageReply();
		Path file = Files.createTempDirectory("kefu-picker").resolve("coupon.png");
		Files.write(file, TestImages.png(24, 24));

		browser.click("[data-reply-card] [data-test=pick-asset]");
		browser.await("[data-test=asset-choice]");
		browser.find("[data-test=asset-dialog] [data-test=file]").sendKeys(file.toString());

		browser.until((d) -> this.assets.list(this.appId).size() == 2 ? true : null);
		String uploaded = this.assets.list(this.appId)
			.stream()
			.filter((a) -> a.fileName().equals("coupon.png"))
			.findFirst()
			.orElseThrow()
			.id();
		browser.until((d) -> uploaded.equals(browser.find("[name='replies[0].assetId']").getAttribute("value")) ? true
				: null);
		assertThat(browser.find("[data-test=asset-choice].chosen").getAttribute("data-asset-choice"))
			.isEqualTo(uploaded);
		// the assets page's own grid is not put into the editor
		assertThat(browser.all("#assets")).isEmpty();
	}

	@Test
	void refusesATooLargeFileInThePicker() throws Exception {
		imageReply();
		Path file = Files.createTempDirectory("kefu-picker").resolve("huge.png");
		Files.write(file, new byte[Assets.MAX_SIZE + 1]);

		browser.click("[data-reply-card] [data-test=pick-asset]");
		browser.find("[data-test=asset-dialog] [data-test=file]").sendKeys(file.toString());

		assertThat(browser.await("[data-test=asset-dialog] [data-test=upload-error]").getText()).contains("huge.png");
		assertThat(this.assets.list(this.appId)).hasSize(1);
	}

	@Test
	void fitsAPhoneScreen() {
		try {
			browser.phone();
			imageReply();
			browser.click("[data-reply-card] [data-test=pick-asset]");
			browser.await("[data-test=asset-choice]");
			assertThat(browser.overflowsSideways()).isFalse();
			WebElement dialog = browser.find("[data-test=asset-dialog]");
			assertThat(dialog.getRect().getX()).isGreaterThanOrEqualTo(0);
			assertThat(dialog.getRect().getX() + dialog.getRect().getWidth()).isLessThanOrEqualTo(390);
		}
		finally {
			browser.desktop();
		}
	}

	private void imageReply() {
		browser.open("/apps/" + this.appId + "/rules/new");
		browser.type("#name", "海报");
		browser.find("[data-chip-input]").sendKeys("海报", Keys.ENTER);
		new Select(browser.find("[data-reply-card] [data-reply-type]")).selectByValue("image");
	}

	private static boolean loaded(WebElement img) {
		return Boolean.TRUE
			.equals(browser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", img));
	}

}
