package dev.kefu.console;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.kefu.InBrowser;
import dev.kefu.media.Asset;
import dev.kefu.media.Assets;
import dev.kefu.outbox.Deliveries;
import dev.kefu.outbox.DeliveryStatus;
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
 * Every console page, filled with real data, at a laptop's size (1366×900) and a phone's
 * (390×844): the page never scrolls sideways, and none of its headings, controls, cards,
 * tables or phone previews sticks out of the screen or lies under something else.
 * Pictures of every page at both sizes go to {@code target/screenshots/widths}.
 */
class ConsoleWidthsIntegrationTests extends InBrowser {

	static final Path PICTURES = Path.of("target/screenshots/widths");

	/** A 1×1 PNG. */
	static final byte[] PNG = java.util.Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

	/**
	 * What must be seen whole and on top: headings, controls, cards, tables, phones, the
	 * top bar's controls.
	 */
	static final String KEY_ELEMENTS = "main h1, main h2, main .btn, main input:not([type=hidden]), main select, "
			+ "main textarea, main .card, main .stat, main table, main .phone, main .alert, main .tabs a, main .chip, "
			+ ".topbar select, .topbar .lang a, .topbar button, .login-form input, .login-form button";

	/**
	 * For each key element that is displayed: brought into view, does it stick out of the
	 * window sideways, and is the element at a point inside it (near its top, below the
	 * sticky top bar) itself or one of its own parts? Answers the problems in words.
	 */
	static final String CHECK = """
			var problems = [];
			var width = window.innerWidth;
			var bar = document.querySelector('.topbar');
			var below = bar ? bar.getBoundingClientRect().bottom : 0;
			function name(el) {
				var text = (el.getAttribute('data-test') || el.id || el.getAttribute('name') || el.textContent || '')
					.trim().replace(/\\s+/g, ' ').substring(0, 30);
				return el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + el.className.trim().replace(/\\s+/g, '.') : '') + ' "' + text + '"';
			}
			document.querySelectorAll(arguments[0]).forEach(function (el) {
				var r = el.getBoundingClientRect();
				// checkVisibility: not inside a closed <details>, display:none or visibility:hidden
				if (r.width === 0 || r.height === 0 || !el.checkVisibility({visibilityProperty: true}) || el.closest('.side')) {
					return;
				}
				el.scrollIntoView({block: 'center', inline: 'nearest'});
				r = el.getBoundingClientRect();
				if (r.left < -0.5 || r.right > width + 0.5) {
					problems.push(name(el) + ' sticks out: ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + width);
					return;
				}
				var top = Math.max(r.top, below + 1);
				var bottom = Math.min(r.bottom, window.innerHeight);
				if (bottom <= top) {
					return;
				}
				var x = r.left + r.width / 2;
				var y = top + Math.min(8, (bottom - top) / 2);
				var hit = document.elementFromPoint(x, y);
				if (hit && hit !== el && !el.contains(hit)) {
					problems.push(name(el) + ' is under ' + name(hit));
				}
			});
			window.scrollTo(0, 0);
			return problems;
			""";

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	RuleBook book;

	@Autowired
	Assets assets;

	@Autowired
	Deliveries deliveries;

	String appId;

	String ruleId;

	String user;

	@BeforeEach
	void app() throws Exception {
		this.appId = newApp("下载助手 · 一个名字相当长的小程序");
		Asset banner = this.assets.store(this.appId, "a-banner-with-a-rather-long-file-name.png", PNG);
		RuleDocument download = this.book.create(this.appId,
				new RuleDocument(null, "下载APP", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
						List.of(new KeywordItem("1", MatchMode.EXACT), new KeywordItem("下载", MatchMode.CONTAINS),
								new KeywordItem("^(app|APP)\\s*下载$", MatchMode.REGEX)),
						List.of(new ReplyItem("link", null, "点击下载 kefu App", "安卓和 iOS 都可以下载",
								"https://example.com/download", null, null, null, null),
								new ReplyItem("text", "也可以回复 2 看二维码", null, null, null, null, null, null, null),
								new ReplyItem("image", null, null, null, null, null, banner.id(), null, null)),
						null, null, null, null, null, null, null, null),
				"test");
		this.ruleId = download.id();
		this.book.update(
				this.appId, this.ruleId, new RuleDocument(null, "下载APP", Trigger.KEYWORD, 1, true, ReplyMode.ALL,
						download.keywords(), download.replies(), null, null, null, null, null, null, null, null),
				"editor");
		this.book.create(this.appId,
				new RuleDocument(null, "默认回复", Trigger.DEFAULT, 0, true, ReplyMode.ALL, List.of(),
						List.of(new ReplyItem("text", "没听懂，回复 1 下载 App", null, null, null, null, null, null, null)),
						null, null, null, null, null, null, null, null),
				"test");
		this.user = "o_width_" + UUID.randomUUID().toString().replace("-", "");
		pushText(this.appId, this.user, "1");
		pushText(this.appId, this.user, "一句没有规则的话，相当长，看看它在窄屏上会不会把页面撑宽");
		pushText(this.appId, "o_dead_" + UUID.randomUUID(), "1");
		browser.until((d) -> this.deliveries.list(this.appId, DeliveryStatus.SENT, this.user, 10).size() >= 3
				&& !this.deliveries.list(this.appId, DeliveryStatus.FAILED, null, 10).isEmpty() ? true : null);
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	/** Name → path of every console page, and what shows it has finished loading. */
	private List<String[]> pages() {
		String app = "/apps/" + this.appId;
		return List.of(
				new String[] { "dashboard", app, "[data-test=chart] canvas, [data-test=panel-deliveries] table" },
				new String[] { "rules", app + "/rules", "tr[data-rule]" },
				new String[] { "rule-new", app + "/rules/new", "#preview" },
				new String[] { "rule-editor", app + "/rules/" + this.ruleId, "#preview [data-reply=link]" },
				new String[] { "rule-history", app + "/rules/" + this.ruleId + "/versions", "tr[data-version]" },
				new String[] { "import-export", app + "/rules/transfer", "#import-json" },
				new String[] { "test-console", app + "/test?text=1", "#test-phone [data-reply=link]" },
				new String[] { "assets", app + "/assets", "[data-asset]" },
				new String[] { "desk-settings", app + "/desk-settings", "[data-test=quick-reply-new]" },
				new String[] { "conversations", app + "/conversations", "tr[data-user]" },
				new String[] { "conversation", app + "/conversations/" + this.user, "[data-test=outgoing]" },
				new String[] { "unmatched", app + "/unmatched", "[data-test=unmatched]" },
				new String[] { "deliveries", app + "/deliveries", "tr[data-delivery]" },
				new String[] { "apps", "/admin/apps", "tr[data-app]" },
				new String[] { "app-new", "/admin/apps/new", "[data-test=app-form]" },
				new String[] { "app-edit", "/admin/apps/" + this.appId, "#callback-url" },
				new String[] { "users", "/admin/users", "[data-test=new-user]" },
				new String[] { "password", "/account/password", "#current" },
				new String[] { "not-found", "/apps/wx0000000000000000", "[data-test=error-message]" });
	}

	private List<String> problemsOf(String name, String path, String loaded, String width) {
		browser.open(path);
		browser.await(loaded);
		// what htmx loads into the page has arrived: nothing left in flight
		browser.until((d) -> Boolean.TRUE.equals(browser.script("return !document.querySelector('.htmx-request')"))
				? true : null);
		browser.screenshot(PICTURES, width + "-" + name);
		List<String> problems = new ArrayList<>();
		if (browser.overflowsSideways()) {
			problems.add(name + " at " + width + ": the page scrolls sideways ("
					+ browser.script("return document.documentElement.scrollWidth") + " px wide)");
		}
		@SuppressWarnings("unchecked")
		List<String> covered = (List<String>) browser.script(CHECK, KEY_ELEMENTS);
		covered.forEach((problem) -> problems.add(name + " at " + width + ": " + problem));
		return problems;
	}

	@Test
	void everyPageFitsALaptopScreen() {
		List<String> problems = new ArrayList<>();
		for (String[] page : pages()) {
			problems.addAll(problemsOf(page[0], page[1], page[2], "wide"));
		}
		browser.signOut();
		problems.addAll(problemsOf("login", "/login", "#username", "wide"));
		assertThat(problems).isEmpty();
	}

	@Test
	void theTestConsoleShowsOnePhoneBesideTheFormWhenThePagePlaysTheMessage() {
		browser.open("/apps/" + this.appId + "/test?text=1").await("#test-phone [data-reply=link]");
		assertThat(browser.all("#test-phone-slot")).hasSize(1);
		assertThat(browser.find("#test-phone-slot").getRect().getX())
			.isGreaterThan(browser.find("[data-test=test-form]").getRect().getX()
					+ browser.find("[data-test=test-form]").getRect().getWidth());
	}

	@Test
	void everyPageFitsAPhoneScreen() {
		List<String> problems = new ArrayList<>();
		try {
			browser.phone();
			for (String[] page : pages()) {
				problems.addAll(problemsOf(page[0], page[1], page[2], "phone"));
			}
			browser.open("/apps/" + this.appId + "/deliveries").await("tr[data-delivery]");
			// the status tabs stay one line each (they once wrapped a character per line)
			int tab = browser.find(".tabs a.on").getRect().getHeight();
			browser.all(".tabs a").forEach((a) -> assertThat(a.getRect().getHeight()).isEqualTo(tab));
			assertThat(tab).isLessThan(48);
			browser.open("/apps/" + this.appId + "/test?text=1").await("#test-phone [data-reply=link]");
			browser.screenshot("test-console-phone");
			browser.signOut();
			problems.addAll(problemsOf("login", "/login", "#username", "phone"));
		}
		finally {
			browser.desktop();
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void theNavigationSlidesInOverThePageOnAPhone() {
		try {
			browser.phone().open("/apps/" + this.appId + "/rules");
			assertThat(browser.find("#side").getRect().getX()).isNegative();
			browser.click("[data-toggle-nav]");
			browser.until((d) -> browser.find("#side").getRect().getX() >= 0 ? true : null);
			assertThat(browser.script("var r = document.querySelector('#side a.nav.active').getBoundingClientRect();"
					+ " return document.elementFromPoint(r.left + 20, r.top + r.height / 2).closest('#side') !== null"))
				.isEqualTo(true);
		}
		finally {
			browser.desktop();
		}
	}

}
