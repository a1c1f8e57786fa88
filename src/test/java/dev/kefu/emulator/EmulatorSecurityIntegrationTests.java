package dev.kefu.emulator;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.kefu.ConsoleSession;
import dev.kefu.TestHttp;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.console.ConsoleUsers;
import dev.kefu.console.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the review of the emulator found, held: no anonymous use of its controls, chat or
 * registry; ADMIN for registration and faults; a CSRF token on every change; pushes only
 * to this server's own callback; no body of the callback's answer shown; no real app
 * played; bounded memory for images. The WeChat API side stays open to access tokens, as
 * WeChat's is.
 */
class EmulatorSecurityIntegrationTests extends EmulatorIntegrationTestSupport {

	@Autowired
	ConsoleUsers users;

	@Autowired
	AppRegistry registry;

	@Autowired
	TemporaryMedia media;

	@Autowired
	EmulatorProperties properties;

	private TestHttp anonymous() {
		return TestHttp.on(this.port);
	}

	/** Refused for want of a sign-in: 401, or the way to the login page. */
	private static void assertSignInRequired(java.net.http.HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.uri().toString()).isIn(401, 302);
		if (response.statusCode() == 302) {
			assertThat(response.headers().firstValue("Location").orElse("")).contains("/login");
		}
	}

	@Test
	void refusesAnonymousCallersOfEveryControl() {
		String appId = registerApp();
		String registration = "{\"appId\":\"" + newAppId()
				+ "\",\"secret\":\"s\",\"token\":\"abc\",\"encodingAesKey\":\"" + CallbackStub.AES_KEY + "\"}";
		assertSignInRequired(anonymous().postJson("/emulator/apps", registration));
		assertSignInRequired(anonymous().postJson("/emulator/push",
				"{\"appId\":\"" + appId + "\",\"user\":\"u\",\"type\":\"text\",\"content\":\"hi\"}"));
		assertSignInRequired(anonymous().get("/emulator/apps"));
		assertSignInRequired(anonymous().get("/emulator/apps/" + appId + "/chats/u"));
		assertSignInRequired(anonymous().delete("/emulator/apps/" + appId));
		assertSignInRequired(anonymous().delete("/emulator/faults"));
		assertSignInRequired(anonymous().get("/emulator", "Accept", "text/html"));
		assertThat(this.emulatedApps.find(appId)).isPresent();
		// the WeChat side answers like WeChat: an errcode, not a sign-in
		assertThat(anonymous()
			.get("/emulator/api/cgi-bin/token?grant_type=client_credential&appid=" + appId + "&secret="
					+ secretOf(appId))
			.body()).contains("access_token");
	}

	@Test
	void letsAnyConsoleUserChatButOnlyAdministratorsRegisterOrSetFaults() {
		String appId = registerApp();
		String editor = "editor-" + UUID.randomUUID().toString().substring(0, 8);
		this.users.create(editor, "Ed1tor-password-long", Role.EDITOR);
		RestClient asEditor = ConsoleSession.emulatorClient(this.port, editor, "Ed1tor-password-long");
		int chat = asEditor.post()
			.uri("/emulator/push")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("appId", appId, "user", "eve", "type", "text", "content", "hi"))
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(chat).isEqualTo(200);
		int register = asEditor.post()
			.uri("/emulator/apps")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("appId", newAppId(), "secret", "s", "token", "abc", "encodingAesKey", CallbackStub.AES_KEY))
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(register).isEqualTo(403);
		int faults = asEditor.put()
			.uri("/emulator/faults")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("failurePercent", 100))
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(faults).isEqualTo(403);
		int remove = asEditor.delete()
			.uri("/emulator/apps/" + appId)
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(remove).isEqualTo(403);
	}

	@Test
	void refusesAChangeWithoutTheSessionsCsrfToken() {
		var client = ConsoleSession.signIn("http://127.0.0.1:" + this.port, ADMIN, ADMIN_PASSWORD);
		RestClient withoutToken = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory(client))
			.build();
		// the page was open, so the session holds a token: the request just does not
		// carry it
		withoutToken.get().uri("/emulator").retrieve().toBodilessEntity();
		int status = withoutToken.post()
			.uri("/emulator/apps")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("appId", newAppId(), "secret", "s", "token", "abc", "encodingAesKey", CallbackStub.AES_KEY))
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(403);
	}

	@Test
	void refusesACallbackUrlOtherThanThisServersOwn() {
		for (String url : new String[] { "http://127.0.0.1:9/callback", "http://169.254.169.254/latest/meta-data",
				"http://127.0.0.1:" + this.port + "/actuator/health", "http://example.com/wechat/wx0123456789abcdef",
				"http://127.0.0.1:" + (this.port + 1) + "/wechat/wx0123456789abcdef" }) {
			String body = this.http.post()
				.uri("/emulator/apps")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("appId", "wx0123456789abcdef", "secret", "s", "token", "abc", "encodingAesKey",
						CallbackStub.AES_KEY, "callbackUrl", url))
				.exchange((request, response) -> response.getStatusCode().value() + " "
						+ new String(response.getBody().readAllBytes()));
			assertThat(body).as(url).startsWith("400").contains("only pushes to this server's own");
		}
		String appId = registerApp();
		String reconfigured = this.http.put()
			.uri("/emulator/apps/" + appId + "/push-config")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("callbackUrl", "http://10.0.0.1/wechat/" + appId))
			.exchange((request, response) -> response.getStatusCode().value() + "");
		assertThat(reconfigured).isEqualTo("400");
		// this server's own callback, as given or left out, is accepted and pushed to
		// over loopback
		JsonNode app = this.http.post()
			.uri("/emulator/apps")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("appId", appId, "secret", secretOf(appId), "token", CallbackStub.TOKEN, "encodingAesKey",
					CallbackStub.AES_KEY, "callbackUrl", "http://localhost:" + this.port + "/wechat/" + appId))
			.retrieve()
			.body(JsonNode.class);
		assertThat(app.get("callbackUrl").stringValue())
			.isEqualTo("http://127.0.0.1:" + this.port + "/wechat/" + appId);
	}

	@Test
	void refusesToRegisterOrPushForARealApp() {
		String appId = newAppId();
		registerApp(appId, "PLAINTEXT", "XML");
		this.registry.register(new AppDraft(appId, "a real one", "secret", CallbackStub.TOKEN, CallbackStub.AES_KEY,
				null, false, null));
		try {
			// the registry forgot it the moment it became real; registering it again is
			// refused
			assertThat(this.emulatedApps.find(appId)).isEmpty();
			String again = this.http.post()
				.uri("/emulator/apps")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("appId", appId, "secret", "s", "token", "abc", "encodingAesKey", CallbackStub.AES_KEY))
				.exchange((request, response) -> response.getStatusCode().value() + " "
						+ new String(response.getBody().readAllBytes()));
			assertThat(again).startsWith("400").contains("is a real app");
			// one planted in process before is not pushed for either
			plantApp(appId, "http://127.0.0.1:" + this.port + "/wechat/" + appId, "PLAINTEXT", "XML");
			JsonNode outcome = push(appId, "mallory", "text", "hi");
			assertThat(outcome.get("status").stringValue()).isEqualTo("FAILED");
			assertThat(outcome.get("httpStatus").intValue()).isZero();
			assertThat(outcome.get("detail").stringValue()).contains("is a real app");
		}
		finally {
			this.registry.remove(appId);
			this.emulatedApps.remove(appId);
		}
	}

	@Test
	void showsTheCallbacksStatusButNeverItsBody() throws Exception {
		try (CallbackStub stub = new CallbackStub(newAppId())) {
			String appId = plantApp(newAppId(), stub.url(), "PLAINTEXT", "XML");
			stub.answer((received) -> new CallbackStub.Answer(500, "internal secret page: db=10.0.0.5"));
			JsonNode outcome = push(appId, "olga", "text", "hi");
			assertThat(outcome.get("httpStatus").intValue()).isEqualTo(500);
			assertThat(outcome.toString()).doesNotContain("internal secret page").doesNotContain("10.0.0.5");
			assertThat(chat(appId, "olga").toString()).doesNotContain("internal secret page");
			stub.answer((received) -> new CallbackStub.Answer(200, "internal secret page"));
			JsonNode verification = postJson("/emulator/apps/" + appId + "/verify", Map.of());
			assertThat(verification.get("ok").booleanValue()).isFalse();
			assertThat(verification.toString()).doesNotContain("internal secret page");
		}
	}

	@Test
	void capsTheMemoryHeldForImagesAndFreesItWithTheApp() {
		String appId = registerApp();
		String token = accessToken(appId);
		byte[] image = Arrays.copyOf(png(), TemporaryMedia.MAX_BYTES);
		long cap = this.properties.mediaMemory().toBytes();
		int stored = 0;
		int errcode = 0;
		while (errcode == 0 && stored <= cap / image.length + 1) {
			errcode = errcode(upload(token, "image", "media", image));
			stored += (errcode == 0) ? 1 : 0;
		}
		assertThat(errcode).isEqualTo(45009);
		assertThat(this.media.totalBytes()).isLessThanOrEqualTo(cap).isGreaterThan(cap - image.length);
		this.http.delete().uri("/emulator/apps/" + appId).retrieve().toBodilessEntity();
		String other = registerApp();
		assertThat(errcode(upload(accessToken(other), "image", "media", image))).isZero();
	}

}
