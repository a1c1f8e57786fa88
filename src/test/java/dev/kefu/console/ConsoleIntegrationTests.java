package dev.kefu.console;

import java.net.http.HttpResponse;
import java.util.UUID;

import dev.kefu.InBrowser;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console shell in a real browser: signing in and out, throttling, sessions that end,
 * passwords, roles, CSRF, language.
 */
class ConsoleIntegrationTests extends InBrowser {

	@Autowired
	ConsoleUsers users;

	@Autowired
	AppRegistry registry;

	@Autowired
	LoginThrottle throttle;

	private String newUser(Role role, String password) {
		String name = "u" + UUID.randomUUID().toString().substring(0, 8);
		this.users.create(name, password, role);
		return name;
	}

	@Test
	void signsInWithTheFirstAdmin() {
		browser.signOut().open("/");
		assertThat(browser.path()).startsWith("/login");
		browser.await("#username");
		browser.screenshot("login");
		browser.signIn(ADMIN, ADMIN_PASSWORD);
		assertThat(browser.find(".user-menu").getText()).contains(ADMIN);
	}

	@Test
	void wrongPasswordIsShownOnTheSignInPage() {
		browser.signOut().open("/login");
		browser.type("#username", ADMIN).type("#password", "not-the-password").click("button[type=submit]");
		assertThat(browser.await("[data-test=login-error]").getText()).isEqualTo("用户名或密码不正确。");
		assertThat(browser.find("#username").getAttribute("value")).isEqualTo(ADMIN);
	}

	@Test
	void pausesSignInAfterFiveFailuresWithTheSameMessageAsAWrongPassword() {
		String name = newUser(Role.EDITOR, "right-password-1");
		browser.signOut();
		for (int i = 0; i < 5; i++) {
			browser.open("/login").type("#username", name).type("#password", "wrong-" + i).click("button[type=submit]");
			browser.await("[data-test=login-error]");
		}
		browser.open("/login")
			.type("#username", name)
			.type("#password", "right-password-1")
			.click("button[type=submit]");
		assertThat(browser.await("[data-test=login-error]").getText()).isEqualTo("用户名或密码不正确。");
		assertThat(this.throttle.paused(name)).isTrue();
	}

	@Test
	void saysTheSameForADisabledAccountAsForAWrongPassword() {
		String name = newUser(Role.EDITOR, "disabled-password-1");
		this.users.update(name, Role.EDITOR, false);
		browser.signOut().open("/login");
		browser.type("#username", name).type("#password", "disabled-password-1").click("button[type=submit]");
		assertThat(browser.await("[data-test=login-error]").getText()).isEqualTo("用户名或密码不正确。");
		browser.open("/login");
		browser.type("#username", "nobody-" + name).type("#password", "any-password-123").click("button[type=submit]");
		assertThat(browser.await("[data-test=login-error]").getText()).isEqualTo("用户名或密码不正确。");
	}

	@Test
	void unpausedByAnAdminTheUserSignsInAgain() {
		String name = newUser(Role.EDITOR, "right-password-2");
		browser.signOut();
		for (int i = 0; i < 5; i++) {
			browser.open("/login").type("#username", name).type("#password", "wrong-" + i).click("button[type=submit]");
			browser.await("[data-test=login-error]");
		}
		browser.signIn(ADMIN, ADMIN_PASSWORD).open("/admin/users");
		assertThat(browser.find("tr[data-user=" + name + "] [data-test=locked]").isDisplayed()).isTrue();
		browser.screenshot("users");
		browser.click("tr[data-user=" + name + "] form[action$=unlock] button");
		browser.await("[data-test=notice]");
		browser.signOut().signIn(name, "right-password-2");
		assertThat(browser.find(".user-menu").getText()).contains(name);
	}

	@Test
	void endsTheSessionOfAnAdminWhoIsDemoted() {
		String name = newUser(Role.ADMIN, "demoted-password-1");
		browser.signOut().signIn(name, "demoted-password-1").open("/admin/users");
		browser.await("[data-test=new-user]");
		this.users.update(name, Role.EDITOR, true);
		browser.open("/admin/users");
		assertThat(browser.path()).isEqualTo("/login?ended");
		assertThat(browser.find("[data-test=session-ended]").getText()).contains("重新登录");
		browser.signIn(name, "demoted-password-1").open("/admin/users");
		assertThat(browser.await("[data-test=error-message]").getText()).contains("没有访问此页面的权限");
	}

	@Test
	void endsTheSessionOfAUserWhoIsDisabled() {
		String name = newUser(Role.EDITOR, "disabled-password-2");
		browser.signOut().signIn(name, "disabled-password-2");
		this.users.update(name, Role.EDITOR, false);
		browser.open("/account/password");
		assertThat(browser.path()).isEqualTo("/login?ended");
	}

	@Test
	void endsTheSessionOfAUserWhosePasswordAnAdminReset() {
		String name = newUser(Role.EDITOR, "reset-password-1");
		browser.signOut().signIn(name, "reset-password-1");
		this.users.setPassword(name, "reset-password-2");
		browser.open("/account/password");
		assertThat(browser.path()).isEqualTo("/login?ended");
	}

	@Test
	void refusesWeakPasswordsForNewUsers() {
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/admin/users");
		browser.type("#nu-name", "weakling")
			.type("#nu-pw", "Password123!")
			.click("[data-test=new-user] button[type=submit]");
		assertThat(browser.await("#nu-pw + .error").getText()).contains("太常见");
		assertThat(this.users.find("weakling")).isEmpty();
	}

	@Test
	void changesOwnPasswordAndShowsMistakesInPlace() {
		String name = newUser(Role.EDITOR, "first-password-1");
		browser.signOut().signIn(name, "first-password-1").open("/account/password");
		browser.type("#current", "first-password-1").type("#password", "second-password-2").type("#repeat", "typo");
		browser.click("main button[type=submit]");
		assertThat(browser.await("#repeat + .error").getText()).isEqualTo("两次输入的新密码不一致。");
		browser.type("#current", "first-password-1")
			.type("#password", "second-password-2")
			.type("#repeat", "second-password-2");
		browser.click("main button[type=submit]");
		browser.await("[data-test=notice]");
		// this session goes on with the new password; only the others end
		browser.open("/account/password");
		assertThat(browser.path()).isEqualTo("/account/password");
		browser.signOut().signIn(name, "second-password-2");
		assertThat(browser.path()).doesNotStartWith("/login");
	}

	@Test
	void refusesAPostWithoutTheCsrfToken() throws Exception {
		String name = newUser(Role.EDITOR, "csrf-password-1");
		browser.signOut().signIn(name, "csrf-password-1");
		HttpResponse<String> response = postWithSession("/account/password",
				"current=csrf-password-1&password=hijacked-password&repeat=hijacked-password");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.users.passwordMatches(this.users.find(name).orElseThrow(), "csrf-password-1")).isTrue();
	}

	@Test
	void anEditorCannotOpenTheAdminPages() {
		String name = newUser(Role.EDITOR, "editor-password-1");
		browser.signOut().signIn(name, "editor-password-1");
		assertThat(browser.all("a[href='/admin/users']")).isEmpty();
		browser.open("/admin/users");
		assertThat(browser.await("[data-test=error-message]").getText()).contains("没有访问此页面的权限");
	}

	@Test
	void opensTheDashboardOfTheAppLastLookedAt() {
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.registry.register(new AppDraft(appId, "kefu 演示", "secret-1", "token1234",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, true, null));
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/apps/" + appId);
		browser.open("/");
		assertThat(browser.path()).isEqualTo("/apps/" + appId);
		assertThat(browser.find(".page-head h1").getText()).isEqualTo("kefu 演示");
		assertThat(browser.find("[data-app-switch]").getAttribute("data-current")).isEqualTo(appId);
		browser.screenshot("dashboard");
	}

	@Test
	void sendsAnExpiredSessionBackToSignIn() {
		browser.signOut().open("/login");
		browser.driver().manage().addCookie(new org.openqa.selenium.Cookie("JSESSIONID", "ENDED0000SESSION"));
		browser.open("/admin/users");
		assertThat(browser.path()).isEqualTo("/login?expired");
		assertThat(browser.find(".alert.warn").getText()).isEqualTo("登录已超时，请重新登录。");
	}

	@Test
	void answersAnHtmxRequestWithoutSessionWithARedirectToSignIn() throws Exception {
		java.net.http.HttpRequest request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(base() + "/admin/users"))
			.header("HX-Request", "true")
			.build();
		HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("HX-Redirect")).hasValue("/login");
	}

	@Test
	void switchesToEnglishAndRemembersIt() {
		browser.signOut().open("/login?lang=en");
		assertThat(browser.find("h2").getText()).isEqualTo("Sign in to kefu");
		browser.open("/login");
		assertThat(browser.find("h2").getText()).isEqualTo("Sign in to kefu");
		browser.open("/login?lang=zh-CN");
		assertThat(browser.find("h2").getText()).isEqualTo("登录 kefu");
	}

}
