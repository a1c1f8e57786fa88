package dev.kefu.console;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kefu.TestHttp;
import dev.kefu.apps.AppsIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@AppsIntegrationTest
class SecurityIntegrationTests {

	private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ConsoleUsers users;

	@Autowired
	private LoginThrottle throttle;

	@Autowired
	@org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
	private org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

	private TestHttp anonymous;

	@BeforeEach
	void setUp() {
		this.anonymous = TestHttp.on(this.port);
	}

	@Test
	void answersApiCallsWithoutCredentialsWith401ProblemNotARedirect() {
		HttpResponse<String> response = this.anonymous.get("/api/anything", "Accept", HTML);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void challengesApiClientsToSendBasicCredentials() {
		HttpResponse<String> response = this.anonymous.get("/api/apps", "Accept", "*/*");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"kefu\"");
	}

	@Test
	void doesNotChallengeABrowserAskingForAPage() {
		assertThat(this.anonymous.get("/api/apps", "Accept", HTML).headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(
				this.anonymous.get("/api/apps", "Sec-Fetch-Mode", "navigate").headers().firstValue("WWW-Authenticate"))
			.isEmpty();
	}

	@Test
	void keepsServingTheApiToBasicClients() {
		assertThat(admin().get("/api/apps").statusCode()).isEqualTo(200);
		assertThat(admin().send("GET", "/api/apps", null, "Origin", "http://127.0.0.1:" + this.port).statusCode())
			.isEqualTo(200);
	}

	@Test
	void refusesApiRequestsFromAnotherOriginEvenWithCredentials() {
		HttpResponse<String> response = admin().send("POST", "/api/apps", "{}", "Content-Type", "application/json",
				"Origin", "https://evil.example");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("other sites");
		assertThat(admin()
			.send("POST", "/api/apps", "name=x", "Content-Type", "application/x-www-form-urlencoded", "Origin", "null")
			.statusCode()).isEqualTo(403);
	}

	@Test
	void refusesApiRequestsABrowserMarksCrossSite() {
		assertThat(admin().send("POST", "/api/apps", "{}", "Content-Type", "text/plain", "Sec-Fetch-Site", "cross-site")
			.statusCode()).isEqualTo(403);
		assertThat(admin().send("GET", "/api/apps", null, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
	}

	@Test
	void sendsAContentSecurityPolicyWithoutInlineScriptAndAReferrerPolicy() {
		HttpResponse<String> login = this.anonymous.get("/login", "Accept", HTML);

		String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("script-src 'self';", "frame-ancestors 'none'", "img-src 'self' data: https:",
				"object-src 'none'");
		assertThat(policy).doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
		assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(login.headers().firstValue("Strict-Transport-Security")).as("not over plain HTTP").isEmpty();
	}

	@Test
	void marksTheSessionCookieSecureAndSendsHstsBehindATlsProxy() {
		HttpResponse<String> login = this.anonymous.get("/login", "Accept", HTML, "X-Forwarded-Proto", "https");

		assertThat(login.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).contains("Secure").contains("HttpOnly"));
		assertThat(login.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=31536000"));
	}

	@Test
	void refusesEvenTheRightPasswordFromAnAddressThatGuessedFiveTimes() {
		String name = "throttled-" + System.nanoTime();
		this.users.create(name, "throttle-password-1", Role.EDITOR);
		TestHttp guesser = this.anonymous.as(name, "wrong-password-1");
		for (int i = 0; i < 5; i++) {
			assertThat(guesser.get("/api/apps").statusCode()).isEqualTo(401);
		}

		HttpResponse<String> response = this.anonymous.as(name, "throttle-password-1").get("/api/apps");

		assertThat(response.statusCode()).isEqualTo(401);
		this.throttle.forget(name);
		assertThat(this.anonymous.as(name, "throttle-password-1").get("/api/apps").statusCode()).isEqualTo(200);
	}

	@Test
	void answersEveryMappedPathButWechatHealthSignInAndShortLinksWith401WithoutCredentials() {
		java.util.Set<String> open = java.util.Set.of("/login", "/error");
		java.util.List<String> checked = new java.util.ArrayList<>();
		this.mappings.getHandlerMethods().keySet().forEach((info) -> {
			for (String pattern : info.getPatternValues()) {
				if (open.contains(pattern) || pattern.startsWith("/wechat/") || pattern.startsWith("/emulator")
						|| pattern.startsWith("/actuator/health") || pattern.startsWith("/l/")) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]*}", "x1").replace("/**", "/x1");
				java.util.Set<org.springframework.web.bind.annotation.RequestMethod> methods = info
					.getMethodsCondition()
					.getMethods();
				String method = methods.isEmpty() ? "GET" : methods.iterator().next().name();
				HttpResponse<String> response = this.anonymous.send(method, path, method.equals("GET") ? null : "",
						"Accept", "*/*");
				if (method.equals("GET")) {
					assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(401);
				}
				else {
					// an unsafe method without a CSRF token is stopped before
					// authentication: a
					// refusal or the sign-in page, never the handler
					assertThat(response.statusCode()).as("%s %s", method, path).isIn(401, 403, 302);
					if (response.statusCode() == 302) {
						assertThat(response.headers().firstValue("Location").orElseThrow()).contains("/login");
					}
				}
				checked.add(method + " " + path);
			}
		});
		assertThat(checked).as("mapped paths checked").hasSizeGreaterThan(20);
		assertThat(this.anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(401);
	}

	@Test
	void letsWechatPushesThroughWithoutCredentialsOrCsrfToken() {
		HttpResponse<String> response = this.anonymous.send("POST", "/wechat/wx0123456789abcdef?signature=x", "<xml/>",
				"Content-Type", "text/xml");

		assertThat(response.statusCode()).isNotIn(302, 401, 403);
	}

	@Test
	void letsTheEmulatedWechatApiThroughWithoutCredentialsOrCsrfToken() {
		// kefu calls it like WeChat's API, with access tokens; the rest of /emulator
		// needs a
		// sign-in (EmulatorSecurityIntegrationTests)
		assertThat(this.anonymous.postJson("/emulator/api/cgi-bin/message/custom/send", "{}").statusCode()).isNotIn(302,
				401, 403);
	}

	@Test
	void answersHealthWithoutCredentials() {
		HttpResponse<String> response = this.anonymous.get("/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void sendsBrowsersToTheLoginPage() {
		HttpResponse<String> response = this.anonymous.get("/", "Accept", HTML);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
	}

	@Test
	void requiresSignInForTheApiDocumentation() {
		assertThat(this.anonymous.get("/v3/api-docs").statusCode()).isEqualTo(401);
		assertThat(this.anonymous.get("/swagger-ui/index.html", "Accept", HTML).statusCode()).isEqualTo(302);
		assertThat(admin().get("/v3/api-docs").statusCode()).isEqualTo(200);
	}

	@Test
	void signsInWithTheLoginFormAndItsCsrfToken() {
		LoginForm form = LoginForm.open(this.anonymous);

		HttpResponse<String> response = form.submit(AppsIntegrationTest.ADMIN, AppsIntegrationTest.ADMIN_PASSWORD,
				true);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
	}

	@Test
	void refusesAWrongPasswordOnTheLoginForm() {
		HttpResponse<String> response = LoginForm.open(this.anonymous).submit(AppsIntegrationTest.ADMIN, "wrong", true);

		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
	}

	@Test
	void refusesALoginFormPostedWithoutItsCsrfToken() {
		HttpResponse<String> response = LoginForm.open(this.anonymous)
			.submit(AppsIntegrationTest.ADMIN, AppsIntegrationTest.ADMIN_PASSWORD, false);

		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void storesTheFirstAdminWithABcryptHashAndTheAdminRole() {
		var row = this.jdbc.sql("SELECT password_hash, role FROM console_user WHERE username = ?")
			.param(AppsIntegrationTest.ADMIN)
			.query()
			.singleRow();

		assertThat((String) row.get("password_hash")).startsWith("{bcrypt}$2")
			.doesNotContain(AppsIntegrationTest.ADMIN_PASSWORD);
		assertThat(row.get("role")).isEqualTo("ADMIN");
	}

	private TestHttp admin() {
		return this.anonymous.as(AppsIntegrationTest.ADMIN, AppsIntegrationTest.ADMIN_PASSWORD);
	}

	/** The login page's session cookie and CSRF token, as a browser holds them. */
	private record LoginForm(TestHttp http, String cookie, String csrfToken) {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

		static LoginForm open(TestHttp http) {
			HttpResponse<String> page = http.get("/login", "Accept", HTML);
			assertThat(page.statusCode()).isEqualTo(200);
			Matcher token = CSRF.matcher(page.body());
			assertThat(token.find()).as("CSRF token on the login page:\n%s", page.body()).isTrue();
			String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
			return new LoginForm(http, cookie, token.group(1));
		}

		HttpResponse<String> submit(String username, String password, boolean withCsrfToken) {
			String form = "username=" + encode(username) + "&password=" + encode(password)
					+ (withCsrfToken ? "&_csrf=" + encode(this.csrfToken) : "");
			return this.http.send("POST", "/login", form, "Content-Type", "application/x-www-form-urlencoded", "Cookie",
					this.cookie, "Accept", HTML);
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
