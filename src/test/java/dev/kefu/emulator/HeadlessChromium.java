package dev.kefu.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for end-to-end tests. The browser and
 * the driver are given explicitly, so Selenium Manager never tries to download anything;
 * each browser gets a fresh profile directory, removed on close.
 * <p>
 * Outside CI a missing Chromium skips the test; with {@code CI=true} it fails.
 */
public final class HeadlessChromium implements AutoCloseable {

	public static final String CHROMIUM = "/usr/bin/chromium";

	public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private final Path profile;

	private final ChromeDriver driver;

	private HeadlessChromium(Path profile, ChromeDriver driver) {
		this.profile = profile;
		this.driver = driver;
	}

	public static HeadlessChromium open() {
		if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true and " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
			}
			Assumptions.abort("no Chromium at " + CHROMIUM + " and " + CHROMEDRIVER);
		}
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
		try {
			Path profile = Files.createTempDirectory("kefu-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1400,1000", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort()
				.build();
			return new HeadlessChromium(profile, new ChromeDriver(service, options));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public WebDriver driver() {
		return this.driver;
	}

	/**
	 * Signs in to the console at {@code baseUrl} with the login form, as a person does.
	 */
	public HeadlessChromium signIn(String baseUrl, String username, String password) {
		this.driver.get(baseUrl + "/login");
		this.driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
		this.driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
		this.driver.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
		waiting(Duration.ofSeconds(20)).until((d) -> !d.getCurrentUrl().contains("/login"));
		return this;
	}

	/** Waits for what a page shows after an asynchronous step; no fixed sleeps. */
	/**
	 * Notes, in the page open now, the moment {@code text} first shows on it
	 * ({@link #seen()}), without a reload.
	 */
	public void watchFor(String text) {
		((JavascriptExecutor) this.driver).executeScript("""
				var text = arguments[0];
				window.deskSeen = null;
				new MutationObserver(function () {
					if (window.deskSeen === null && document.body.innerText.indexOf(text) >= 0) {
						window.deskSeen = Date.now();
					}
				}).observe(document.body, {childList: true, subtree: true, characterData: true});
				""", text);
	}

	/** When (epoch ms) the text {@link #watchFor} watches for first showed. */
	public long seen() {
		return ((Number) ((JavascriptExecutor) this.driver).executeScript("return window.deskSeen")).longValue();
	}

	public WebDriverWait waiting(Duration timeout) {
		return new WebDriverWait(this.driver, timeout);
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ex) {
				// a left-over temporary profile is harmless
			}
		}
	}

}
