package dev.kefu.desk.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.kefu.Browser;
import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.console.ConsoleUsers;
import dev.kefu.console.Role;
import dev.kefu.emulator.HeadlessChromium;
import dev.kefu.desk.Desk;
import dev.kefu.media.Asset;
import dev.kefu.media.Assets;
import dev.kefu.rules.Holds;
import dev.kefu.rules.Outcome;
import dev.kefu.rules.RuleDecision;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDecisions;
import dev.kefu.rules.TestImages;
import dev.kefu.sandbox.SandboxIntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent desk in real browsers: two agents signed in, each in a browser of their own,
 * and a user chatting in the emulator, with the sandbox app's example rules ("1" gets a
 * link card, anything else the default text).
 */
class DeskIntegrationTests extends SandboxIntegrationTestSupport {

	private static final String PASSWORD = "Desk-agent-password-1";

	/** How long a page may take for a step that is not the one under test. */
	private static final Duration PATIENCE = Duration.ofSeconds(20);

	/** The desk shows a new message within this, without a reload. */
	private static final Duration LIVE = Duration.ofSeconds(1);

	@Autowired
	Apps apps;

	@Autowired
	RuleBook rules;

	@Autowired
	ConsoleUsers users;

	@Autowired
	RuleDecisions decisions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Desk desk;

	@Autowired
	Holds holds;

	@Autowired
	Assets assets;

	private String appId;

	private HeadlessChromium user;

	private HeadlessChromium agentA;

	private HeadlessChromium agentB;

	@BeforeEach
	void signIn() {
		this.appId = this.apps.all()
			.stream()
			.filter(App::sandbox)
			.map(App::appId)
			.filter((id) -> !this.rules.list(id).isEmpty())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sandbox app with the example rules"));
		for (String agent : List.of("agent-a", "agent-b")) {
			if (this.users.find(agent).isEmpty()) {
				this.users.create(agent, PASSWORD, Role.AGENT);
			}
		}
		this.user = HeadlessChromium.open().signIn(baseUrl(), ADMIN, ADMIN_PASSWORD);
		this.agentA = HeadlessChromium.open().signIn(baseUrl(), "agent-a", PASSWORD);
	}

	@AfterEach
	void close() {
		for (HeadlessChromium browser : new HeadlessChromium[] { this.user, this.agentA, this.agentB }) {
			if (browser != null) {
				browser.close();
			}
		}
	}

	@Test
	void twoAgentsSeeAMessageLiveOneClaimsAndAnswersAndTheRulesStaySilentUntilRelease() {
		this.agentB = HeadlessChromium.open().signIn(baseUrl(), "agent-b", PASSWORD);
		chat("desk-live");
		openDesk(this.agentA, "all", null);
		openDesk(this.agentB, "all", null);
		String text = "你好，有人吗";
		this.agentA.watchFor(text);
		this.agentB.watchFor(text);

		say(text);
		String openId = rowAttribute(this.agentA, text, "data-user");
		rowAttribute(this.agentB, text, "data-user");
		long received = this.jdbc.sql("SELECT received_at FROM inbox_message WHERE open_id = ? AND content = ?")
			.params(openId, text)
			.query(Long.class)
			.single();
		// without a reload: the pages were open before the message came, and show it
		// within a second of its arrival
		assertThat(this.agentA.seen() - received).as("agent a's desk, ms after the push").isLessThan(LIVE.toMillis());
		assertThat(this.agentB.seen() - received).as("agent b's desk, ms after the push").isLessThan(LIVE.toMillis());
		assertThat(rowAttribute(this.agentA, text, "data-unread")).isEqualTo("1");
		assertThat(rowAttribute(this.agentB, text, "data-unread")).isEqualTo("1");
		assertThat(this.agentB.driver().getTitle()).startsWith("(1)");

		open(this.agentA, openId);
		open(this.agentB, openId);
		click(this.agentA, "[data-test=desk-claim]");
		awaitShown(this.agentA, "[data-test=desk-held]");
		WebElement taken = this.agentB.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=desk-taken]")));
		assertThat(taken.getText()).contains("agent-a");
		assertThat(this.agentB.driver().findElement(By.cssSelector("[data-test=desk-send]")).isEnabled()).isFalse();

		type(this.agentA, "[data-test=desk-text]", "您好，我是客服小王");
		click(this.agentA, "[data-test=desk-send]");
		this.user.waiting(PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#chat"), "您好，我是客服小王"));
		assertThat(lastReply().getText()).isEqualTo("您好，我是客服小王");
		// redrawn every second until sent
		this.agentA.waiting(PATIENCE)
			.ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-kind=agent]"), "data-status", "SENT"));
		assertThat(this.agentA.driver()
			.findElement(By.cssSelector("[data-kind=agent] [data-test=desk-sent-by]"))
			.getText()).contains("agent-a");

		// held: the keyword "1" gets no link card
		say("1");
		this.agentA.waiting(PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=desk-history]"), "1"));
		awaitIncoming(this.agentA, 2);
		assertThat(this.decisions.recent(this.appId, false, 1).get(0).outcome()).isEqualTo(Outcome.HELD);
		assertThat(this.user.driver().findElements(By.cssSelector("#chat .reply-link"))).isEmpty();

		click(this.agentA, "[data-test=desk-release]");
		awaitShown(this.agentA, "[data-test=desk-claim]");
		say("1");
		this.user.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat .reply-link .card-title")));
	}

	@Test
	void operatorsKeepQuickRepliesAndAnAgentAnswersWithThemAndWithAMiniProgramCard() {
		String settings = baseUrl() + "/apps/" + this.appId + "/desk-settings";
		this.user.driver().get(settings);
		// a shortcut with a space is refused at the field
		addQuickReply("bad shortcut", "text", "不会保存");
		assertThat(awaitShown(this.user, "[data-test=quick-shortcut-error]").getText()).contains("32");
		addQuickReply("hello", "text", "您好，很高兴为您服务");
		addQuickReply("qr", "image", null);
		assertThat(this.user.driver().findElements(By.cssSelector("[data-test=quick-reply]")))
			.extracting((row) -> row.getAttribute("data-shortcut"))
			.contains("hello", "qr")
			.doesNotContain("bad shortcut");

		chat("desk-quick");
		say("我要二维码");
		this.user.waiting(PATIENCE)
			.until((driver) -> driver.findElements(By.cssSelector("#chat .reply-text")).size() == 1);
		openDesk(this.agentA, "all", null);
		open(this.agentA, rowAttribute(this.agentA, "我要二维码", "data-user"));

		// typed: "/" and the start of the shortcut, then Enter takes the suggestion
		type(this.agentA, "[data-test=desk-text]", "/hel");
		awaitShown(this.agentA, "[data-test=desk-quick-option]");
		this.agentA.driver().findElement(By.cssSelector("[data-test=desk-text]")).sendKeys(Keys.ENTER);
		assertThat(this.agentA.driver().findElement(By.cssSelector("[data-test=desk-text]")).getAttribute("value"))
			.isEqualTo("您好，很高兴为您服务");
		click(this.agentA, "[data-test=desk-send]");
		awaitAgentReplies(1);

		// one click: the image quick reply
		click(this.agentA, "[data-test=desk-quick][data-shortcut=qr]");
		assertThat(this.agentA.driver().findElement(By.cssSelector("[data-test=desk-type]")).getAttribute("value"))
			.isEqualTo("image");
		click(this.agentA, "[data-test=desk-send]");
		awaitAgentReplies(2);

		// by hand: a mini program card with the app's image as its cover
		new Select(this.agentA.driver().findElement(By.cssSelector("[data-test=desk-type]")))
			.selectByValue("miniprogrampage");
		type(this.agentA, "[data-test=desk-card-title]", "打开小程序看看");
		type(this.agentA, "[data-test=desk-card-path]", "pages/index/index");
		click(this.agentA, "[data-test=desk-send]");
		awaitAgentReplies(3);

		this.user.waiting(PATIENCE).until((driver) -> driver.findElements(By.cssSelector("#chat .reply")).size() == 4);
		assertThat(this.user.driver().findElements(By.cssSelector("#chat .reply")))
			.extracting((reply) -> reply.getAttribute("class").replaceAll(".*(reply-\\w+).*", "$1"))
			.containsExactly("reply-text", "reply-text", "reply-image", "reply-miniprogram");
		assertThat(lastReply().getText()).isEqualTo("您好，很高兴为您服务");
		assertThat(this.user.driver().findElement(By.cssSelector("#chat .reply-miniprogram .card-title")).getText())
			.isEqualTo("打开小程序看看");
	}

	@Test
	void operatorsEditAQuickReplyRefusedAtTheFieldUntilValidAndTheDeskInsertsTheNewText() {
		String settings = baseUrl() + "/apps/" + this.appId + "/desk-settings";
		this.user.driver().get(settings);
		addQuickReply("edit-me", "text", "旧的回复");
		addQuickReply("edit-taken", "text", "别人的快捷词");

		click(this.user, "[data-test=quick-reply][data-shortcut=edit-me] [data-test=quick-reply-edit]");
		WebElement shortcut = awaitShown(this.user, "[data-test=quick-reply-edit-form] [data-test=quick-shortcut]");
		assertThat(shortcut.getAttribute("value")).as("filled with the current shortcut").isEqualTo("edit-me");
		assertThat(this.user.driver().findElement(By.cssSelector("[data-test=desk-text]")).getAttribute("value"))
			.isEqualTo("旧的回复");
		String edit = this.user.driver().getCurrentUrl();

		// refused: a bad shortcut, another's shortcut, an empty reply; each at its field,
		// with what was typed kept
		saveQuickReply("bad one", "新的回复");
		assertThat(awaitShown(this.user, "[data-test=quick-shortcut-error]").getText()).contains("32");
		assertThat(this.user.driver().findElement(By.cssSelector("[data-test=desk-text]")).getAttribute("value"))
			.isEqualTo("新的回复");
		saveQuickReply("edit-taken", "新的回复");
		assertThat(awaitShown(this.user, "[data-test=quick-shortcut-error]").getText()).contains("已经有了");
		assertThat(this.user.driver().findElement(By.cssSelector("[data-test=quick-shortcut]")).getAttribute("value"))
			.isEqualTo("edit-taken");
		saveQuickReply("edited", " ");
		awaitShown(this.user, "[data-test=quick-reply-error]");
		assertThat(this.user.driver().findElement(By.cssSelector("[data-test=quick-shortcut]")).getAttribute("value"))
			.isEqualTo("edited");
		assertThat(post(this.user, edit, "shortcut=edit-taken&type=text&content=x")).as("status of a refused edit")
			.isEqualTo(422);

		saveQuickReply("edited", "新的回复");
		awaitShown(this.user, "[data-test=quick-replies]");
		assertThat(this.user.driver().getCurrentUrl()).isEqualTo(settings);
		WebElement row = awaitShown(this.user, "[data-test=quick-reply][data-shortcut=edited]");
		assertThat(row.findElement(By.cssSelector("[data-test=quick-reply-text]")).getText()).isEqualTo("新的回复");
		assertThat(this.user.driver().findElements(By.cssSelector("[data-test=quick-reply][data-shortcut=edit-me]")))
			.isEmpty();
		assertThat(post(this.user, baseUrl() + "/apps/" + this.appId + "/desk-settings/quick-replies/no-such-id",
				"shortcut=x&type=text&content=x"))
			.as("editing one that is gone")
			.isEqualTo(404);

		chat("desk-quick-edit");
		say("改过的快捷回复");
		openDesk(this.agentA, "all", openIdOf("改过的快捷回复"));
		type(this.agentA, "[data-test=desk-text]", "/edite");
		awaitShown(this.agentA, "[data-test=desk-quick-option]");
		this.agentA.driver().findElement(By.cssSelector("[data-test=desk-text]")).sendKeys(Keys.ENTER);
		assertThat(this.agentA.driver().findElement(By.cssSelector("[data-test=desk-text]")).getAttribute("value"))
			.isEqualTo("新的回复");
	}

	/** Fills the open quick reply edit form and saves it (a full-page post). */
	private void saveQuickReply(String shortcut, String text) {
		type(this.user, "[data-test=quick-shortcut]", shortcut);
		type(this.user, "[data-test=desk-text]", text);
		WebElement save = this.user.driver().findElement(By.cssSelector("[data-test=quick-reply-save]"));
		save.click();
		this.user.waiting(PATIENCE).until(Browser.replaced(save));
	}

	/**
	 * The status of a form post from the page open in the browser, with the page's CSRF
	 * header.
	 */
	private static long post(HeadlessChromium browser, String url, String form) {
		return ((Number) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
				headers['Content-Type'] = 'application/x-www-form-urlencoded';
				fetch(arguments[0], {method: 'POST', headers: headers, body: arguments[1], credentials: 'same-origin',
					redirect: 'manual'}).then(function (r) { done(r.status); }, function () { done(-1); });
				""", url, form)).longValue();
	}

	@Test
	void theOperatorChoosesWhetherWelcomeRepliesStillAnswerAHeldUser() {
		chat("desk-welcome");
		say("先问一句");
		String openId = openIdOf("先问一句");
		assertThat(this.desk.claim(this.appId, openId, "agent-a")).isEqualTo(Desk.Result.DONE);
		try {
			this.user.driver().get(baseUrl() + "/apps/" + this.appId + "/desk-settings");
			WebElement answers = awaitShown(this.user, "[data-test=desk-welcome-answers]");
			assertThat(answers.isSelected()).as("welcome replies answer held users by default").isTrue();
			answers.click();
			click(this.user, "[data-test=desk-welcome-save]");
			// a full-page post: wait for the page that answers it, then read the setting
			// there
			this.user.waiting(PATIENCE).until(Browser.replaced(answers));
			assertThat(awaitShown(this.user, "[data-test=desk-welcome-answers]").isSelected()).isFalse();

			chat("desk-welcome");
			click(this.user, "#enter");
			this.user.waiting(PATIENCE).until((driver) -> outcomes(openId).size() == 2);
			assertThat(outcomes(openId).get(0)).isEqualTo(Outcome.HELD);
			assertThat(chatText()).doesNotContain("欢迎光临");
		}
		finally {
			this.holds.welcomeWhenHeld(this.appId, true);
			this.desk.release(this.appId, openId, "agent-a");
		}
	}

	@Test
	void theDashboardShowsTheAppsAndEachAgentsFigures() {
		String agent = "agent-figures";
		if (this.users.find(agent).isEmpty()) {
			this.users.create(agent, PASSWORD, Role.AGENT);
		}
		chat("desk-figures");
		say("有人帮我看看吗");
		String openId = openIdOf("有人帮我看看吗");
		long received = this.jdbc.sql("SELECT received_at FROM inbox_message WHERE open_id = ? AND content = ?")
			.params(openId, "有人帮我看看吗")
			.query(Long.class)
			.single();
		this.agentB = HeadlessChromium.open().signIn(baseUrl(), agent, PASSWORD);
		openDesk(this.agentB, "all", null);
		open(this.agentB, rowAttribute(this.agentB, "有人帮我看看吗", "data-user"));
		for (String text : List.of("您好，我来看看", "请稍等")) {
			int before = this.agentB.driver().findElements(By.cssSelector("[data-kind=agent]")).size();
			type(this.agentB, "[data-test=desk-text]", text);
			click(this.agentB, "[data-test=desk-send]");
			this.agentB.waiting(PATIENCE)
				.until((driver) -> driver.findElements(By.cssSelector("[data-kind=agent]")).size() == before + 1);
		}
		// the statuses are redrawn every second until both are sent
		this.agentB.waiting(PATIENCE)
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElements(By.cssSelector("[data-kind=agent]"))
				.stream()
				.filter((reply) -> "SENT".equals(reply.getAttribute("data-status")))
				.count() == 2);
		long firstReply = this.jdbc.sql("SELECT MIN(created_at) FROM outbox_delivery WHERE open_id = ? AND sent_by = ?")
			.params(openId, agent)
			.query(Long.class)
			.single();

		this.agentB.driver().get(baseUrl() + "/apps/" + this.appId);
		WebElement row = this.agentB.waiting(PATIENCE)
			.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("[data-test=desk-agent][data-agent=" + agent + "]")));
		assertThat(row.findElement(By.cssSelector("[data-test=desk-agent-handed]")).getText()).isEqualTo("1");
		assertThat(row.findElement(By.cssSelector("[data-test=desk-agent-replies]")).getText()).isEqualTo("2");
		// one wait, from the message to the first reply: its median and P90 are that wait
		String waited = DeskPanels.duration(java.time.Duration.ofMillis(firstReply - received));
		assertThat(row.findElement(By.cssSelector("[data-test=desk-agent-median]")).getText()).isEqualTo(waited);
		assertThat(row.findElement(By.cssSelector("[data-test=desk-agent-p90]")).getText()).isEqualTo(waited);
		click(this.agentB, "[data-test=panel-desk] [data-days='30']");
		// the panel is swapped whole for the chosen period's
		String replies30 = this.agentB.waiting(PATIENCE)
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> {
				if (!driver.findElement(By.cssSelector("[data-test=panel-desk] [data-days='30']"))
					.getAttribute("class")
					.contains("primary")) {
					return null;
				}
				return driver
					.findElement(By
						.cssSelector("[data-test=desk-agent][data-agent=" + agent + "] [data-test=desk-agent-replies]"))
					.getText();
			});
		assertThat(replies30).isEqualTo("2");
	}

	@Test
	void aUsedUpAllowanceDisablesSendingWithItsReason() {
		chat("desk-allowance");
		say("额度测试");
		openDesk(this.agentA, "all", null);
		open(this.agentA, rowAttribute(this.agentA, "额度测试", "data-user"));
		WebElement allowance = awaitShown(this.agentA, "[data-test=desk-allowance]");
		// the default rule's answer took one of the five
		assertThat(allowance.getText()).contains("4").contains("5");
		for (int i = 1; i <= 4; i++) {
			type(this.agentA, "[data-test=desk-text]", "第 " + i + " 条");
			click(this.agentA, "[data-test=desk-send]");
			int sent = i;
			this.agentA.waiting(PATIENCE)
				.until((driver) -> driver.findElements(By.cssSelector("[data-kind=agent]")).size() == sent);
		}
		WebElement refusal = awaitShown(this.agentA, "[data-test=desk-refusal]");
		assertThat(refusal.getText()).contains("额度已用完");
		assertThat(this.agentA.driver().findElement(By.cssSelector("[data-test=desk-send]")).isEnabled()).isFalse();
	}

	@Test
	void sendsALinkCardTrackedByDefaultSoTheUsersTapGoesThroughAShortUrl() {
		chat("desk-link");
		say("要下载链接");
		openDesk(this.agentA, "all", null);
		open(this.agentA, rowAttribute(this.agentA, "要下载链接", "data-user"));

		sendLink("下载 App", "https://example.com/app?from=desk", true);
		WebElement tracked = this.user.waiting(PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat .reply-link .card-link")));
		assertThat(tracked.getAttribute("href")).matches("http://localhost:" + this.port + "/l/[A-Za-z0-9_-]{16}");

		sendLink("下载 App（原链接）", "https://example.com/app?from=desk-plain", false);
		this.user.waiting(PATIENCE)
			.until((driver) -> driver.findElements(By.cssSelector("#chat .reply-link .card-link")).size() == 2);
		List<WebElement> cards = this.user.driver().findElements(By.cssSelector("#chat .reply-link .card-link"));
		assertThat(cards.get(1).getAttribute("href")).isEqualTo("https://example.com/app?from=desk-plain");
	}

	/**
	 * Sends a link card from the open conversation, its "track taps" box left as it
	 * starts or unticked.
	 */
	private void sendLink(String title, String url, boolean tracked) {
		int before = this.agentA.driver().findElements(By.cssSelector("[data-kind=agent]")).size();
		new Select(awaitShown(this.agentA, "[data-desk-type]")).selectByValue("link");
		type(this.agentA, "#desk-reply [name=title]", title);
		type(this.agentA, "#desk-reply [name=url]", url);
		WebElement box = this.agentA.driver().findElement(By.cssSelector("[data-test=desk-tracked]"));
		assertThat(box.isSelected()).as("ticked for a new card").isTrue();
		if (!tracked) {
			box.click();
		}
		click(this.agentA, "[data-test=desk-send]");
		this.agentA.waiting(PATIENCE)
			.until((driver) -> driver.findElements(By.cssSelector("[data-kind=agent]")).size() == before + 1);
	}

	@Test
	void fitsAPhoneScreen() {
		chat("desk-phone");
		say("手机上看");
		((ChromeDriver) this.agentA.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
		openDesk(this.agentA, "all", null);
		open(this.agentA, rowAttribute(this.agentA, "手机上看", "data-user"));
		awaitShown(this.agentA, "[data-test=desk-allowance]");

		assertThat((Boolean) ((JavascriptExecutor) this.agentA.driver())
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1")).isFalse();
	}

	@Test
	void agentsAndOperatorsKeepNotesAndTagsOnAUserBesideTheConversationAudited() {
		chat("desk-notes");
		say("备注测试");
		String openId = openIdOf("备注测试");
		openDesk(this.agentA, "all", openId);
		awaitShown(this.agentA, "[data-test=desk-notes]");
		assertThat(this.agentA.driver().findElements(By.cssSelector("[data-test=desk-tag]"))).isEmpty();

		type(this.agentA, "[data-test=desk-note-tags]", "VIP，回头客 VIP");
		type(this.agentA, "[data-test=desk-note-text]", "上次订单 1024 漏发赠品");
		click(this.agentA, "[data-test=desk-notes-save]");
		awaitShown(this.agentA, "[data-test=desk-notes-saved]");
		assertThat(tags(this.agentA)).containsExactly("VIP", "回头客");
		assertThat(this.agentA.driver().findElement(By.cssSelector("[data-test=desk-notes-updated]")).getText())
			.contains("agent-a");
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM desk_audit WHERE app_id = ? AND open_id = ? AND actor = ? AND action = 'NOTE'")
			.params(this.appId, openId, "agent-a")
			.query(Long.class)
			.single()).isEqualTo(1);

		// too many tags: refused at the field, what was typed stays, nothing stored
		// changes
		type(this.agentA, "[data-test=desk-note-tags]", "a b c d e f");
		click(this.agentA, "[data-test=desk-notes-save]");
		WebElement error = awaitShown(this.agentA, "[data-test=desk-notes-error]");
		assertThat(error.getText()).contains("5");
		assertThat(this.agentA.driver().findElement(By.cssSelector("[data-test=desk-note-tags]")).getAttribute("value"))
			.isEqualTo("a b c d e f");
		assertThat(this.desk.note(this.appId, openId).tags()).containsExactly("VIP", "回头客");

		// an operator (here the admin) sees them beside the same conversation and edits
		// them
		openDesk(this.user, "all", openId);
		WebElement note = awaitShown(this.user, "[data-test=desk-note-text]");
		assertThat(note.getAttribute("value")).isEqualTo("上次订单 1024 漏发赠品");
		assertThat(tags(this.user)).containsExactly("VIP", "回头客");
		type(this.user, "[data-test=desk-note-tags]", "VIP 已补发");
		click(this.user, "[data-test=desk-notes-save]");
		awaitShown(this.user, "[data-test=desk-notes-saved]");
		assertThat(tags(this.user)).containsExactly("VIP", "已补发");
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM desk_audit WHERE app_id = ? AND open_id = ? AND actor = ? AND action = 'NOTE'")
			.params(this.appId, openId, ADMIN)
			.query(Long.class)
			.single()).isEqualTo(1);

		// the agent's desk shows the change when the conversation is opened again
		openDesk(this.agentA, "all", openId);
		awaitShown(this.agentA, "[data-test=desk-notes]");
		assertThat(tags(this.agentA)).containsExactly("VIP", "已补发");
		click(this.agentA, "[data-test=desk-claim]");
		awaitShown(this.agentA, "[data-test=desk-held]");
		screenshot(this.agentA, "desk");
	}

	@Test
	void notesAndTagsSavedAtOneDeskShowAtAnotherWithinASecondButNeverOverAnEditInProgress() {
		this.agentB = HeadlessChromium.open().signIn(baseUrl(), "agent-b", PASSWORD);
		chat("desk-notes-live");
		say("实时备注");
		String openId = openIdOf("实时备注");
		openDesk(this.agentA, "all", openId);
		awaitShown(this.agentA, "[data-test=desk-note-text]");
		openDesk(this.agentB, "all", openId);
		awaitShown(this.agentB, "[data-test=desk-note-text]");
		this.agentB.watchFor("实时标签");

		type(this.agentA, "[data-test=desk-note-tags]", "实时标签 VIP");
		type(this.agentA, "[data-test=desk-note-text]", "刚刚记下的备注");
		click(this.agentA, "[data-test=desk-notes-save]");
		awaitShown(this.agentA, "[data-test=desk-notes-saved]");
		long saved = this.desk.note(this.appId, openId).updatedAt().toEpochMilli();
		this.agentB.waiting(PATIENCE)
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> tags(this.agentB).contains("实时标签"));
		// without a reload: agent b's desk was open before the note was saved
		assertThat(this.agentB.seen() - saved).as("agent b's desk, ms after the save").isLessThan(LIVE.toMillis());
		assertThat(tags(this.agentB)).containsExactly("实时标签", "VIP");
		assertThat(noteText(this.agentB)).isEqualTo("刚刚记下的备注");

		// agent b is writing a note of their own: a change elsewhere only says so
		type(this.agentB, "[data-test=desk-note-text]", "B 正在写的备注");
		WebElement before = this.agentA.driver().findElement(By.cssSelector("[data-test=desk-notes-saved]"));
		type(this.agentA, "[data-test=desk-note-tags]", "第二次");
		click(this.agentA, "[data-test=desk-notes-save]");
		this.agentA.waiting(PATIENCE).until(Browser.replaced(before));
		awaitShown(this.agentA, "[data-test=desk-notes-saved]");
		WebElement notice = awaitShown(this.agentB, "[data-test=desk-notes-changed]");
		assertThat(notice.getText()).contains("agent-a");
		assertThat(noteText(this.agentB)).as("what agent b typed stays").isEqualTo("B 正在写的备注");
		assertThat(tags(this.agentB)).containsExactly("实时标签", "VIP");

		// until they choose to load the other's
		click(this.agentB, "[data-test=desk-notes-reload]");
		this.agentB.waiting(PATIENCE)
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> tags(this.agentB).equals(List.of("第二次")));
		assertThat(noteText(this.agentB)).isEqualTo("刚刚记下的备注");
		assertThat(this.agentB.driver().findElement(By.cssSelector("[data-test=desk-notes-changed]")).isDisplayed())
			.isFalse();
	}

	@Test
	void aChimeAnnouncesAUsersMessageOnlyWithTheSoundTurnedOnWhichTheBrowserRemembers() {
		chat("desk-sound");
		openDesk(this.agentA, "all", null);
		assertThat(awaitShown(this.agentA, "[data-test=desk-sound]").isSelected()).as("off by default").isFalse();
		say("没有声音");
		awaitTitle(this.agentA, "(1)");
		assertThat(chimes(this.agentA)).isZero();

		click(this.agentA, "[data-test=desk-sound]");
		openDesk(this.agentA, "all", null);
		assertThat(awaitShown(this.agentA, "[data-test=desk-sound]").isSelected()).as("remembered").isTrue();
		say("有声音了");
		this.agentA.waiting(PATIENCE).until((driver) -> chimes(this.agentA) == 1);
		awaitTitle(this.agentA, "(1)");

		click(this.agentA, "[data-test=desk-sound]");
		say("又没有声音");
		awaitTitle(this.agentA, "(2)");
		assertThat(chimes(this.agentA)).isEqualTo(1);
	}

	private static void awaitTitle(HeadlessChromium agent, String start) {
		agent.waiting(PATIENCE).until((driver) -> driver.getTitle().startsWith(start));
	}

	/** How many times the desk open in the browser chimed. */
	private static int chimes(HeadlessChromium agent) {
		String chimes = agent.driver().findElement(By.tagName("body")).getAttribute("data-chimes");
		return (chimes != null) ? Integer.parseInt(chimes) : 0;
	}

	private static String noteText(HeadlessChromium agent) {
		return agent.waiting(PATIENCE)
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.cssSelector("[data-test=desk-note-text]")).getAttribute("value"));
	}

	@Test
	void whileAnAgentTypesTheUserSeesWeChatsTypingIndicator() {
		chat("desk-typing");
		say("有人在吗");
		String openId = openIdOf("有人在吗");
		openDesk(this.agentA, "all", openId);
		awaitShown(this.agentA, "[data-test=desk-history]");
		By typing = By.cssSelector("#chat .typing");
		assertThat(this.user.driver().findElement(typing).getText()).isEmpty();

		// typed, not sent: only the typing state reaches the user
		WebElement text = awaitShown(this.agentA, "[data-test=desk-text]");
		text.sendKeys("正在帮您查询");
		this.user.waiting(PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(typing, "typing"));
		screenshot(this.user, "emulator-typing");
		assertThat(this.user.driver()
			.findElements(By.cssSelector("#chat .reply-text .bubble"))
			.stream()
			.map(WebElement::getText)).doesNotContain("正在帮您查询");

		// the reply ends it
		click(this.agentA, "[data-test=desk-send]");
		this.user.waiting(PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#chat"), "正在帮您查询"));
		this.user.waiting(PATIENCE).until((driver) -> driver.findElement(typing).getText().isEmpty());
	}

	@Test
	void theUsersPictureShowsAndAnAgentUploadsAnImageOnTheSpotAndSendsIt() throws IOException {
		Path folder = Files.createTempDirectory("kefu-desk");
		Path notAnImage = Files.writeString(folder.resolve("notes.txt"), "not an image");
		Path screenshot = Files.write(folder.resolve("screenshot-desk.png"), TestImages.png(48, 32));
		Path photo = Files.write(folder.resolve("photo.png"), TestImages.png(64, 64));
		chat("desk-upload");
		say("能发张截图吗");
		this.user.driver().findElement(By.id("image")).sendKeys(photo.toString());
		openDesk(this.agentA, "all", null);
		open(this.agentA, openIdOf("能发张截图吗"));

		// the user's picture itself, not a placeholder
		this.agentA.waiting(PATIENCE).ignoring(StaleElementReferenceException.class).until((driver) -> {
			List<WebElement> pictures = driver.findElements(By.cssSelector("[data-test=desk-user-image] img"));
			return !pictures.isEmpty() && ((Number) ((JavascriptExecutor) driver)
				.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", pictures.get(0)))
				.intValue() == 64;
		});

		new Select(this.agentA.driver().findElement(By.cssSelector("#desk-reply [data-test=desk-type]")))
			.selectByValue("image");

		// a file that is no image is refused at the field, and nothing is stored
		int before = this.assets.list(this.appId).size();
		this.agentA.driver()
			.findElement(By.cssSelector("[data-test=desk-image-upload]"))
			.sendKeys(notAnImage.toString());
		assertThat(awaitShown(this.agentA, "[data-test=desk-image-error]").getText()).contains("notes.txt");
		assertThat(this.assets.list(this.appId)).hasSize(before);

		this.agentA.driver()
			.findElement(By.cssSelector("[data-test=desk-image-upload]"))
			.sendKeys(screenshot.toString());
		this.agentA.waiting(PATIENCE).ignoring(StaleElementReferenceException.class).until((driver) -> {
			Select images = new Select(driver.findElement(By.cssSelector("[data-test=desk-image]")));
			return images.getFirstSelectedOption().getText().equals("screenshot-desk.png");
		});
		assertThat(this.agentA.driver().findElements(By.cssSelector("[data-test=desk-image-error]"))).isEmpty();
		click(this.agentA, "[data-test=desk-send]");
		awaitAgentReplies(1);

		this.user.waiting(PATIENCE)
			.until((driver) -> !driver.findElements(By.cssSelector("#chat .reply-image")).isEmpty());
		assertThat(this.assets.list(this.appId)).extracting(Asset::fileName).contains("screenshot-desk.png");
	}

	@Test
	void refusesAnAgentTheRulesEditorAndTheAppsPage() {
		for (String page : List.of("/apps/" + this.appId + "/rules", "/admin/apps",
				"/apps/" + this.appId + "/desk-settings")) {
			this.agentA.driver().get(baseUrl() + page);
			assertThat(this.agentA.driver().findElement(By.cssSelector("h2")).getText()).as(page).isEqualTo("403");
		}
	}

	/**
	 * Opens the emulator's chat as {@code user} (the emulator gives them an OpenID of the
	 * app's).
	 */
	private void chat(String user) {
		this.user.driver().get(baseUrl() + "/emulator?app=" + this.appId + "&user=" + user);
		this.user.waiting(PATIENCE).until(ExpectedConditions.elementToBeClickable(By.id("send")));
	}

	/** Adds a quick reply on the desk settings page open in the operator's browser. */
	private void addQuickReply(String shortcut, String type, String content) {
		type(this.user, "[data-test=quick-shortcut]", shortcut);
		new Select(this.user.driver().findElement(By.cssSelector("[data-test=quick-reply-new] [data-test=desk-type]")))
			.selectByValue(type);
		if (content != null) {
			type(this.user, "[data-test=quick-reply-new] [data-test=desk-text]", content);
		}
		WebElement add = this.user.driver().findElement(By.cssSelector("[data-test=quick-reply-add]"));
		click(this.user, "[data-test=quick-reply-add]");
		// a full-page post: the page that answers it replaces this one
		this.user.waiting(PATIENCE).until(Browser.replaced(add));
		awaitShown(this.user, "[data-test=quick-reply-add]");
	}

	/**
	 * The emulator's chat as the user sees it; read again if the chat is redrawn
	 * meanwhile.
	 */
	private String chatText() {
		return this.user.waiting(PATIENCE)
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.cssSelector("#chat")).getText());
	}

	private void awaitAgentReplies(int count) {
		this.agentA.waiting(PATIENCE)
			.until((driver) -> driver.findElements(By.cssSelector("[data-kind=agent]")).size() == count);
	}

	/** The OpenID of the user who wrote {@code text}, once their message is recorded. */
	private String openIdOf(String text) {
		return this.user.waiting(PATIENCE)
			.until((driver) -> this.jdbc.sql("SELECT open_id FROM inbox_message WHERE app_id = ? AND content = ?")
				.params(this.appId, text)
				.query(String.class)
				.optional()
				.orElse(null));
	}

	/** The outcomes of the rules' decisions for the user, newest first. */
	private List<Outcome> outcomes(String openId) {
		return this.decisions.recent(this.appId, false, 200)
			.stream()
			.filter((decision) -> decision.openId().equals(openId))
			.map(RuleDecision::outcome)
			.toList();
	}

	/** Keeps the page's picture with the other pages' ({@link Browser#SCREENSHOTS}). */
	private static void screenshot(HeadlessChromium browser, String name) {
		ChromeDriver driver = (ChromeDriver) browser.driver();
		Number width = (Number) driver.executeScript("return window.innerWidth");
		Number height = (Number) driver.executeScript(
				"return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight, window.innerHeight)");
		try {
			// the whole page, as tall as it is (at most 2400 px), at the window's width
			driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width.intValue(), "height",
					Math.min(2400, height.intValue()), "deviceScaleFactor", 1, "mobile", false));
			Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			Files.createDirectories(Browser.SCREENSHOTS);
			Files.copy(shot, Browser.SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	private static List<String> tags(HeadlessChromium browser) {
		return browser.driver()
			.findElements(By.cssSelector("[data-test=desk-tag]"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private void say(String text) {
		WebDriver driver = this.user.driver();
		driver.findElement(By.id("message")).sendKeys(text);
		driver.findElement(By.id("send")).click();
	}

	private WebElement lastReply() {
		List<WebElement> replies = this.user.driver().findElements(By.cssSelector("#chat .reply-text .bubble"));
		return replies.get(replies.size() - 1);
	}

	private void openDesk(HeadlessChromium agent, String filter, String openId) {
		agent.driver()
			.get(baseUrl() + "/apps/" + this.appId + "/desk?filter=" + filter
					+ ((openId != null) ? "&user=" + openId : ""));
		agent.waiting(PATIENCE)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=desk-filters]")));
	}

	private void open(HeadlessChromium agent, String openId) {
		// the list may be redrawn by a live update between finding the link and clicking
		// it
		agent.waiting(PATIENCE).ignoring(StaleElementReferenceException.class).until((driver) -> {
			driver.findElement(By.cssSelector("[data-open-user='" + openId + "']")).click();
			return true;
		});
		awaitShown(agent, "[data-test=desk-history]");
	}

	private static void awaitIncoming(HeadlessChromium agent, int atLeast) {
		agent.waiting(PATIENCE)
			.until((driver) -> driver.findElements(By.cssSelector("[data-test=desk-incoming]")).size() >= atLeast);
	}

	private static WebElement awaitShown(HeadlessChromium agent, String css) {
		return agent.waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	private static void click(HeadlessChromium agent, String css) {
		// the open conversation's status part is redrawn every second while a reply is on
		// its way
		agent.waiting(PATIENCE).ignoring(StaleElementReferenceException.class).until((driver) -> {
			WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(driver);
			if (element == null) {
				return false;
			}
			element.click();
			return true;
		});
	}

	private static void type(HeadlessChromium agent, String css, String text) {
		WebElement input = agent.waiting(PATIENCE).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
		input.clear();
		input.sendKeys(text);
	}

	/** The desk's row of the user whose last message is {@code text}. */
	/**
	 * An attribute of the desk's row for the conversation showing {@code text}, once it
	 * is shown; read again if a live update redraws the list meanwhile.
	 */
	private static String rowAttribute(HeadlessChromium agent, String text, String attribute) {
		return agent.waiting(PATIENCE).ignoring(StaleElementReferenceException.class).until((driver) -> {
			WebElement row = ExpectedConditions.visibilityOfElementLocated(row(text)).apply(driver);
			return (row != null) ? row.getAttribute(attribute) : null;
		});
	}

	private static By row(String text) {
		return By.xpath("//tr[@data-test='desk-row'][.//div[text()='" + text + "']]");
	}

}
