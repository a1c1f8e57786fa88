package dev.kefu.apps.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import dev.kefu.InBrowser;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.apps.Apps;
import dev.kefu.console.ConsoleUsers;
import dev.kefu.console.Role;
import dev.kefu.wechat.push.PushMode;
import dev.kefu.wechat.push.PushSignature;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apps screens in a real browser: register, errors in place, credentials write-only,
 * URL check, roles.
 */
class AppScreensIntegrationTests extends InBrowser {

	static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	@Autowired
	AppRegistry registry;

	@Autowired
	ConsoleUsers users;

	@Autowired
	Apps apps;

	static String newAppId() {
		return "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	private String registered(String secret) {
		String appId = newAppId();
		this.registry.register(
				new AppDraft(appId, "商城小程序", secret, "tok3n" + appId.substring(2, 8), AES_KEY, null, false, null));
		return appId;
	}

	@Test
	void registersAnAppShowingMistakesBesideTheirFields() {
		String appId = newAppId();
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/admin/apps/new");
		browser.type("#appId", appId).type("#name", "下载助手").type("#secret", "s3cret-value");
		browser.type("#token", "kefuToken1").type("#encodingAesKey", "too-short");
		browser.submit("[data-test=save]");
		assertThat(browser.await(".has-error #encodingAesKey + .error, .has-error .error").getText())
			.isEqualTo("EncodingAESKey 必须正好是 43 个字母或数字。");
		assertThat(browser.find("#appId").getAttribute("value")).isEqualTo(appId);
		assertThat(browser.find("#name").getAttribute("value")).isEqualTo("下载助手");
		// what was typed stays, masked: a refused save loses nothing
		assertThat(browser.find("#secret").getAttribute("value")).isEqualTo("s3cret-value");
		assertThat(browser.find("#secret").getAttribute("type")).isEqualTo("password");
		assertThat(browser.find("#token").getAttribute("value")).isEqualTo("kefuToken1");
		browser.screenshot("app-form-errors");

		browser.type("#secret", "s3cret-value").type("#token", "kefuToken1").type("#encodingAesKey", AES_KEY);
		browser.submit("[data-test=save]");
		browser.await("[data-test=notice]");
		assertThat(browser.path()).isEqualTo("/admin/apps/" + appId);
		assertThat(browser.find("#callback-url").getAttribute("value")).isEqualTo(base() + "/wechat/" + appId);
		assertThat(this.registry.find(appId)).isPresent();
	}

	@Test
	void recordsThePushModeChosenInTheFormAndCanRemoveIt() {
		String appId = registered("mode-secret");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/admin/apps/" + appId);
		Select mode = new Select(browser.find("[data-test=push-mode]"));
		assertThat(mode.getFirstSelectedOption().getAttribute("value")).isEmpty();
		assertThat(mode.getOptions()).extracting(WebElement::getText)
			.containsExactly("未指定（按每次推送声明的方式接收）", "明文模式", "兼容模式", "安全模式");

		mode.selectByValue("SAFE");
		browser.submit("[data-test=save]");
		browser.await("[data-test=notice]");
		assertThat(this.registry.find(appId).orElseThrow().pushMode()).isEqualTo(PushMode.SAFE);
		assertThat(new Select(browser.find("[data-test=push-mode]")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("SAFE");
		assertThat(browser.find("[data-test=push-mode-shown]").getText()).isEqualTo("安全模式");

		new Select(browser.find("[data-test=push-mode]")).selectByValue("");
		browser.submit("[data-test=save]");
		browser.await("[data-test=notice]");
		assertThat(this.registry.find(appId).orElseThrow().pushMode()).isNull();
		assertThat(this.registry.find(appId).orElseThrow().hasSecret()).isTrue();
	}

	@Test
	void neverShowsStoredCredentials() {
		String appId = registered("very-secret-appsecret");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/admin/apps/" + appId);
		assertThat(browser.find("#secret").getAttribute("type")).isEqualTo("password");
		assertThat(browser.find("#secret").getAttribute("value")).isEmpty();
		assertThat(browser.find("#encodingAesKey").getAttribute("value")).isEmpty();
		assertThat(browser.driver().getPageSource()).doesNotContain("very-secret-appsecret").doesNotContain(AES_KEY);
		browser.screenshot("app-edit");
		// saving with the credentials left empty keeps them
		browser.type("#name", "改名后的小程序").click("[data-test=save]");
		browser.await("[data-test=notice]");
		assertThat(this.registry.find(appId).orElseThrow().hasSecret()).isTrue();
		browser.open("/admin/apps");
		assertThat(browser.find("tr[data-app=" + appId + "]").getText()).contains("改名后的小程序");
		browser.screenshot("apps");
	}

	@Test
	void verifiesACallbackUrlTheWayWeChatDoes() throws IOException {
		String appId = registered("another-secret");
		String token = "tok3n" + appId.substring(2, 8);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			Map<String, String> q = query(exchange.getRequestURI());
			boolean good = PushSignature.verify(q.get("signature"), token, q.get("timestamp"), q.get("nonce"));
			byte[] body = (good ? q.get("echostr") : "bad signature").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(good ? 200 : 403, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/wechat/" + appId;
			browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/admin/apps/" + appId);
			browser.type("[data-test=verify-url]", url).click("[data-test=verify]");
			assertThat(browser.await("[data-test=verify-result]").getAttribute("data-outcome")).isEqualTo("VERIFIED");
			assertThat(browser.find("[data-test=verify-result]").getText()).contains("Token 验证成功");

			this.registry.update(appId, new AppDraft(null, null, null, "changedToken", null, null, null, null));
			browser.click("[data-test=verify]");
			browser.awaitText("[data-test=verify-result]", "403");
			assertThat(browser.find("[data-test=verify-result]").getAttribute("data-outcome")).isEqualTo("HTTP_ERROR");
			assertThat(browser.find("[data-test=verify-result]").getText()).contains("Token 验证失败");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aRefusedSaveKeepsTheCredentialsTypedButNotTheStoredOnes() {
		String appId = registered("stored-secret-value");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/admin/apps/" + appId);
		browser.type("#token", "newToken12").type("#encodingAesKey", "too-short");
		browser.submit("[data-test=save]");

		browser.await("[data-test=form-errors]");
		assertThat(browser.find("#token").getAttribute("value")).isEqualTo("newToken12");
		assertThat(browser.find("#token").getAttribute("type")).isEqualTo("password");
		assertThat(browser.find("#encodingAesKey").getAttribute("value")).isEqualTo("too-short");
		assertThat(browser.find("#secret").getAttribute("value")).isEmpty();
		assertThat(browser.driver().getPageSource()).doesNotContain("stored-secret-value").doesNotContain(AES_KEY);

		browser.type("#encodingAesKey", AES_KEY).click("[data-test=save]");
		browser.await("[data-test=notice]");
		assertThat(this.apps.find(appId).orElseThrow().token()).isEqualTo("newToken12");
	}

	@Test
	void warnsThatWeChatCannotReachAPushUrlOnThisMachine() {
		String appId = registered("local-secret");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD).open("/admin/apps/" + appId);
		assertThat(browser.find("#callback-url").getAttribute("value")).startsWith("http://localhost:");
		assertThat(browser.find("[data-test=callback-local]").getText()).contains("微信连不到这个地址", "localhost");

		browser.open("/admin/apps");
		assertThat(browser.find("[data-test=callback-local]").getText()).contains("localhost");
		browser.open("/admin/apps/" + appId);

		browser.type("[data-test=verify-url]", "http://127.0.0.1:9/wechat/" + appId).click("[data-test=verify]");
		assertThat(browser.await("[data-test=verify-local]").getText()).contains("127.0.0.1");
		browser.type("[data-test=verify-url]", "https://kefu.example.invalid/wechat/" + appId)
			.click("[data-test=verify]");
		browser.until((d) -> browser.all("[data-test=verify-local]").isEmpty());

		// the console opened under its public name, as behind a reverse proxy
		browser.extraHeaders(Map.of("X-Forwarded-Host", "kefu.example.com"));
		try {
			browser.open("/admin/apps/" + appId);
			assertThat(browser.find("#callback-url").getAttribute("value")).contains("://kefu.example.com");
			assertThat(browser.all("[data-test=callback-local]")).isEmpty();
			browser.open("/admin/apps");
			assertThat(browser.all("[data-test=callback-local]")).isEmpty();
		}
		finally {
			browser.extraHeaders(Map.of());
		}
	}

	@Test
	void anEditorCannotReachAppSecrets() {
		String appId = registered("editor-must-not-see");
		this.users.create("editor-" + appId, "editor-password-1", Role.EDITOR);
		browser.signOut().signIn("editor-" + appId, "editor-password-1");
		assertThat(browser.all("a[href='/admin/apps']")).isEmpty();
		browser.open("/admin/apps/" + appId);
		assertThat(browser.await("[data-test=error-message]").getText()).contains("没有访问此页面的权限");
		assertThat(browser.driver().getPageSource()).doesNotContain("editor-must-not-see");
		browser.open("/admin/apps");
		assertThat(browser.find("[data-test=error-message]").getText()).contains("没有访问此页面的权限");
	}

	private static Map<String, String> query(URI uri) {
		return Stream.of(uri.getRawQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((kv) -> kv[0], (kv) -> kv[1]));
	}

}
