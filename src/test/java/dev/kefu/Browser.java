package dev.kefu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class, driven through Debian's chromedriver: the
 * binaries are named explicitly so Selenium Manager never tries to download a browser.
 * Pages are addressed relative to the server under test; {@link #screenshot(String)}
 * keeps the main pages' pictures under {@link #SCREENSHOTS}.
 */
public final class Browser implements AutoCloseable {

	/**
	 * Where pictures of pages go: {@code target/screenshots}, so that a test run leaves
	 * the work tree as it was; {@code -Dkefu.screenshots=docs/screenshots} refreshes the
	 * README's.
	 */
	public static final Path SCREENSHOTS = Path.of(System.getProperty("kefu.screenshots", "target/screenshots"));

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private final ChromeDriver driver;

	private final Path profile;

	private String base;

	/**
	 * The phone's screen while {@link #phone()} is in force; {@code null} at the window's
	 * own size.
	 */
	private Map<String, Object> phone;

	private String ownUserAgent;

	public Browser() {
		this(false);
	}

	/**
	 * @param asksBeforeUnload whether a page's "leave this page?" question (beforeunload)
	 * stays open for the test to answer, instead of being accepted as the driver does by
	 * default
	 */
	public Browser(boolean asksBeforeUnload) {
		this(asksBeforeUnload, new String[0]);
	}

	/**
	 * @param arguments further Chromium switches, e.g.
	 * {@code --ignore-certificate-errors} for a test's own HTTPS server
	 */
	public Browser(String... arguments) {
		this(false, arguments);
	}

	private Browser(boolean asksBeforeUnload, String[] arguments) {
		try {
			this.profile = Files.createTempDirectory("kefu-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--user-data-dir=" + this.profile, "--window-size=1366,900",
				"--force-device-scale-factor=1", "--lang=zh-CN", "--hide-scrollbars");
		if (asksBeforeUnload) {
			options.setCapability("webSocketUrl", true);
			options.setCapability("unhandledPromptBehavior",
					Map.of("beforeUnload", "ignore", "default", "dismiss and notify"));
		}
		options.addArguments(arguments);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	/** Where the server under test listens, e.g. {@code http://localhost:8123}. */
	public Browser at(String base) {
		this.base = base;
		return this;
	}

	public String base() {
		return this.base;
	}

	public WebDriver driver() {
		return this.driver;
	}

	public Browser open(String path) {
		this.driver.get(this.base + path);
		return this;
	}

	public String path() {
		return this.driver.getCurrentUrl().substring(this.base.length());
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/** Waits (up to 10 s) for an element that is displayed, and returns it. */
	public WebElement await(String css) {
		return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	/** Waits (up to 10 s) until the element's text contains {@code text}. */
	public WebElement awaitText(String css, String text) {
		until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
		return find(css);
	}

	public <T> T until(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(condition);
	}

	public Browser type(String css, String text) {
		WebElement input = find(css);
		input.clear();
		input.sendKeys(text);
		return this;
	}

	public Browser click(String css) {
		WebElement element = find(css);
		((JavascriptExecutor) this.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
		element.click();
		return this;
	}

	/**
	 * Clicks what submits a form the server answers with a whole page, and waits (up to
	 * 10 s) for that page: what is read next, a notice say, is then the answer's and not
	 * the one the page before it still showed.
	 */
	public Browser submit(String css) {
		WebElement page = find("html");
		click(css);
		until(replaced(page));
		return this;
	}

	/**
	 * Until {@code element} is no longer in the page, the page that held it replaced.
	 * Unlike {@link ExpectedConditions#stalenessOf}, it waits through the error
	 * ChromeDriver gives while the next page is still loading ("Node with given id does
	 * not belong to the document") instead of failing on it.
	 */
	public static ExpectedCondition<Boolean> replaced(WebElement element) {
		return (driver) -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (StaleElementReferenceException ex) {
				return true;
			}
			catch (WebDriverException ex) {
				// between two pages: ask again
				return false;
			}
		};
	}

	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/** Signs in through the form and waits for the page behind it. */
	public Browser signIn(String username, String password) {
		open("/login");
		type("#username", username);
		type("#password", password);
		click("button[type=submit]");
		until((d) -> !d.getCurrentUrl().contains("/login"));
		return this;
	}

	public Browser signOut() {
		this.driver.manage().deleteAllCookies();
		return this;
	}

	/** The session cookie, for requests made beside the browser. */
	public String sessionCookie() {
		Cookie cookie = this.driver.manage().getCookieNamed("JSESSIONID");
		return (cookie != null) ? cookie.getValue() : null;
	}

	/** Shows the page as a phone would (390 px wide) until {@link #desktop()}. */
	public Browser phone() {
		this.phone = Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true);
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", this.phone);
		return this;
	}

	/**
	 * Sends this User-Agent (and reports it to scripts) from now on, e.g. a phone's;
	 * {@code null} goes back to the browser's own.
	 */
	public Browser userAgent(String userAgent) {
		if (this.ownUserAgent == null) {
			this.ownUserAgent = (String) this.driver.executeCdpCommand("Browser.getVersion", Map.of()).get("userAgent");
		}
		this.driver.executeCdpCommand("Emulation.setUserAgentOverride",
				Map.of("userAgent", (userAgent != null) ? userAgent : this.ownUserAgent));
		return this;
	}

	public Browser desktop() {
		this.phone = null;
		this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		return this;
	}

	/**
	 * Uploads go at most {@code bytesPerSecond} (downloads at full speed) until
	 * {@link #fullSpeed()}.
	 */
	public Browser slowUploads(int bytesPerSecond) {
		this.driver.executeCdpCommand("Network.enable", Map.of());
		this.driver.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", false, "latency", 20, "downloadThroughput", -1, "uploadThroughput", bytesPerSecond));
		return this;
	}

	/**
	 * Sends these headers with every request from now on (e.g. a reverse proxy's); none
	 * for an empty map.
	 */
	public Browser extraHeaders(Map<String, String> headers) {
		this.driver.executeCdpCommand("Network.enable", Map.of());
		this.driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", headers));
		return this;
	}

	public Browser fullSpeed() {
		this.driver.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
		return this;
	}

	/** Whether the page is wider than the window, i.e. would scroll sideways. */
	public boolean overflowsSideways() {
		return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth + 1");
	}

	/**
	 * Saves the whole page as {@code <name>.png} under {@link #SCREENSHOTS}, at the
	 * window's width and as tall as the page (at most 2400 px).
	 */
	public Path screenshot(String name) {
		return screenshot(SCREENSHOTS, name);
	}

	/**
	 * Saves the whole page as {@code <name>.png} under {@code directory}, as
	 * {@link #screenshot(String)} does; a phone's screen stays a phone's.
	 */
	public Path screenshot(Path directory, String name) {
		Number width = (Number) script("return window.innerWidth");
		Number height = (Number) script(
				"return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight, window.innerHeight)");
		int tall = Math.min(2400, height.intValue());
		try {
			// a taller viewport rather than a taller window: headless windows stop at the
			// screen's size
			this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width.intValue(),
					"height", tall, "deviceScaleFactor", 1, "mobile", this.phone != null));
			Path shot = this.driver.getScreenshotAs(OutputType.FILE).toPath();
			Files.createDirectories(directory);
			Path target = directory.resolve(name + ".png");
			Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (this.phone != null) {
				this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", this.phone);
			}
			else {
				this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
			}
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteQuietly(this.profile);
		}
	}

	private static void deleteQuietly(Path dir) {
		try (var paths = Files.walk(dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary profile left behind is harmless
		}
	}

}
