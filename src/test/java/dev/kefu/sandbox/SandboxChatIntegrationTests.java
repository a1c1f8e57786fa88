package dev.kefu.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.kefu.Browser;
import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.emulator.HeadlessChromium;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer does after {@code ./mvnw spring-boot:run}, in a real browser: open the
 * emulator's chat with the sandbox app and talk to kefu. Every answer travels the whole
 * way: the emulator signs and encrypts a push to kefu's callback, kefu matches the seeded
 * rules and sends through the emulated customer-service API, and the chat shows what
 * WeChat would show.
 */
class SandboxChatIntegrationTests extends SandboxIntegrationTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final String IPHONE_WECHAT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x18003237) NetType/WIFI Language/zh_CN";

	@Autowired
	Apps apps;

	@Autowired
	RuleBook rules;

	private HeadlessChromium browser;

	private String appId;

	@BeforeEach
	void openChat(org.junit.jupiter.api.TestInfo test) {
		// the one created on start-up (other tests of this shared context may add sandbox
		// apps of their own)
		this.appId = this.apps.all()
			.stream()
			.filter(App::sandbox)
			.map(App::appId)
			.filter((id) -> !this.rules.list(id).isEmpty())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sandbox app with the example rules"));
		this.browser = HeadlessChromium.open().signIn(baseUrl(), ADMIN, ADMIN_PASSWORD);
		// a user of their own for each test, so that each starts with an empty chat and a
		// fresh allowance
		String user = "o" + test.getTestMethod().orElseThrow().getName();
		this.browser.driver().get(baseUrl() + "/emulator?app=" + this.appId + "&user=" + user);
	}

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void seedsTheExampleRules() {
		List<RuleDocument> seeded = this.rules.list(this.appId);
		assertThat(seeded).extracting((rule) -> rule.trigger().name())
			.containsExactlyInAnyOrder("KEYWORD", "KEYWORD", "DEFAULT", "WELCOME");
	}

	@Test
	void typingOneGetsATrackedLinkCardWhoseTapShowsInTheFunnel() throws Exception {
		say("1");
		WebElement title = this.browser.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat .reply-link .card-title")));
		assertThat(title.getText()).isEqualTo("下载我们的 APP");
		String card = this.browser.driver()
			.findElement(By.cssSelector("#chat .reply-link .card-link"))
			.getAttribute("href");
		assertThat(card).matches("http://localhost:" + this.port + "/l/[A-Za-z0-9_-]{16}");
		screenshot("emulator-chat");
		// a program looking at the link is redirected to the download page but not
		// counted
		HttpResponse<Void> looked = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(card)).header("User-Agent", "curl/8.5.0").build(),
					HttpResponse.BodyHandlers.discarding());
		assertThat(looked.statusCode()).isEqualTo(302);
		assertThat(looked.headers().firstValue("Location"))
			.hasValue(SandboxSeeds.DOWNLOAD_URL + "?utm_source=kefu&utm_medium=sandbox");

		// the user taps the card in WeChat on an iPhone (in this tab: the card opens a
		// new one otherwise)
		((ChromeDriver) this.browser.driver()).executeCdpCommand("Emulation.setUserAgentOverride",
				Map.of("userAgent", IPHONE_WECHAT));
		((JavascriptExecutor) this.browser.driver())
			.executeScript("var card = document.querySelector('#chat .reply-link .card-link');"
					+ "card.removeAttribute('target'); card.click();");
		this.browser.waiting(PATIENCE).until((driver) -> !driver.getCurrentUrl().contains("/emulator"));

		this.browser.waiting(PATIENCE).until((driver) -> {
			driver.get(baseUrl() + "/apps/" + this.appId + "/links");
			return "1".equals(driver.findElement(By.cssSelector("[data-test=links-taps]")).getText());
		});
		WebDriver driver = this.browser.driver();
		assertThat(driver.findElement(By.cssSelector("[data-test=links-users]")).getText()).isEqualTo("1");
		assertThat(driver.findElement(By.cssSelector("[data-test=links-platform-IOS]")).getText()).isEqualTo("1");
		assertThat(driver.findElement(By.cssSelector("[data-test=links-in-wechat]")).getText()).isEqualTo("1");
	}

	@Test
	void typingTwoGetsTheImage() {
		say("2");
		WebElement image = this.browser.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat .reply-image img")));
		this.browser.waiting(PATIENCE)
			.until((driver) -> ((Number) ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth",
					this.browser.driver().findElement(By.cssSelector("#chat .reply-image img"))))
				.intValue() > 0);
		assertThat(image.getAttribute("src")).contains("/emulator/media/");
	}

	@Test
	void typingAnythingElseGetsTheDefaultText() {
		say("你好");
		WebElement text = this.browser.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat .reply-text .bubble")));
		assertThat(text.getText()).contains("回复 1");
	}

	@Test
	void enteringTheChatGetsTheWelcome() {
		this.browser.driver().findElement(By.id("enter")).click();
		WebElement welcome = this.browser.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat .reply-text .bubble")));
		assertThat(welcome.getText()).startsWith("欢迎光临");
		assertThat(this.browser.driver().findElement(By.cssSelector("#chat .user-entered")).getText())
			.startsWith("你进入了客服会话");
	}

	/** Keeps the chat's picture with the other pages' ({@link Browser#SCREENSHOTS}). */
	private void screenshot(String name) {
		try {
			Path shot = ((TakesScreenshot) this.browser.driver()).getScreenshotAs(OutputType.FILE).toPath();
			Files.createDirectories(Browser.SCREENSHOTS);
			Files.copy(shot, Browser.SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void say(String text) {
		WebDriver driver = this.browser.driver();
		driver.findElement(By.id("message")).sendKeys(text);
		driver.findElement(By.id("send")).click();
	}

}
