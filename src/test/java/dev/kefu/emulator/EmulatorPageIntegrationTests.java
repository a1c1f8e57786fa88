package dev.kefu.emulator;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in a real browser, with a stand-in developer server that answers through
 * the emulated API the way kefu does: the page shows the user's message, then the replies
 * as WeChat renders them, a failing service, and WeChat's URL check.
 */
class EmulatorPageIntegrationTests extends EmulatorIntegrationTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private CallbackStub stub;

	private HeadlessChromium browser;

	private String appId;

	@BeforeEach
	void openPage() throws IOException {
		this.appId = newAppId();
		this.stub = new CallbackStub(this.appId);
		plantApp(this.appId, this.stub.url(), "SAFE", "JSON");
		this.stub.answer((received) -> {
			CompletableFuture.runAsync(() -> replyTo(received));
			return CallbackStub.Answer.success();
		});
		this.browser = HeadlessChromium.open().signIn("http://127.0.0.1:" + this.port, ADMIN, ADMIN_PASSWORD);
		this.browser.driver().get("http://127.0.0.1:" + this.port + "/emulator?app=" + this.appId + "&user=tester");
	}

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.close();
		}
		this.stub.close();
	}

	/** What the stand-in server answers: a link card for "1", an image otherwise. */
	private void replyTo(CallbackStub.Received push) {
		String token = accessToken(this.appId);
		String user = push.message().fromUserName();
		if ("1".equals(push.message().content())) {
			send(token, "{\"touser\":\"" + user + "\",\"msgtype\":\"link\",\"link\":{\"title\":\"下载APP\","
					+ "\"description\":\"新用户专享\",\"url\":\"https://example.com/app\",\"thumb_url\":\"https://example.com/t.png\"}}");
		}
		else {
			String mediaId = upload(token, "image", "media", png()).get("media_id").stringValue();
			send(token,
					"{\"touser\":\"" + user + "\",\"msgtype\":\"image\",\"image\":{\"media_id\":\"" + mediaId + "\"}}");
		}
	}

	@Test
	void showsALinkCardSentThroughTheApiAfterTheUserTypes() {
		WebDriver driver = this.browser.driver();
		driver.findElement(By.id("message")).sendKeys("1");
		driver.findElement(By.id("send")).click();
		WebElement card = this.browser.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat .reply-link .card-title")));
		assertThat(card.getText()).isEqualTo("下载APP");
		assertThat(driver.findElement(By.cssSelector("#chat .card-link")).getAttribute("href"))
			.isEqualTo("https://example.com/app");
		assertThat(driver.findElement(By.cssSelector("#chat .user-text .bubble")).getText()).isEqualTo("1");
	}

	@Test
	void showsAnImageReply() {
		WebDriver driver = this.browser.driver();
		driver.findElement(By.id("message")).sendKeys("2");
		driver.findElement(By.id("send")).click();
		WebElement image = this.browser.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat .reply-image img")));
		assertThat(image.getAttribute("src")).contains("/emulator/media/");
		assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return arguments[0].naturalWidth", image)).intValue()).isPositive();
	}

	@Test
	void showsAFailingServiceAsWeChatDoes() {
		this.stub.answer((received) -> new CallbackStub.Answer(500, ""));
		this.browser.driver().findElement(By.id("message")).sendKeys("hello");
		this.browser.driver().findElement(By.id("send")).click();
		WebElement notice = this.browser.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat .service-failed")));
		assertThat(notice.getText()).isEqualTo("该小程序提供的服务出现故障，请稍后再试");
	}

	@Test
	void verifiesTheCallbackUrl() {
		this.stub.answer((received) -> new CallbackStub.Answer(200, received.query().get("echostr")));
		this.browser.driver().findElement(By.id("verify")).click();
		WebElement result = this.browser.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verification .ok")));
		assertThat(result.getText()).startsWith("提交成功");
	}

}
