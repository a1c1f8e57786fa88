package dev.kefu.sandbox;

import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

import dev.kefu.ConsoleSession;
import dev.kefu.apps.App;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.apps.Apps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh start with no app configured: kefu creates the sandbox app, the emulator is on
 * (no real app exists) and registers the app itself, so it hands out tokens for it and
 * pushes to kefu; once a real app exists the emulator answers 404.
 */
class SandboxIntegrationTests extends SandboxIntegrationTestSupport {

	@Autowired
	Apps apps;

	@Autowired
	AppRegistry registry;

	@Test
	void createsOneSandboxAppOnAFreshStart() {
		List<App> all = this.apps.all().stream().filter((app) -> !app.appId().equals("wx00000000000000a1")).toList();
		assertThat(all).hasSize(1);
		assertThat(all.get(0).sandbox()).isTrue();
		assertThat(all.get(0).appId()).matches("wx[0-9a-f]{16}");
	}

	@Test
	void turnsTheEmulatorOnAndRegistersTheSandboxAppWithIt() {
		App app = this.apps.find(this.apps.all().get(0).appId()).orElseThrow();
		RestClient http = signedIn();
		JsonNode registered = http.get().uri("/emulator/apps").retrieve().body(JsonNode.class);
		assertThat(registered.get(0).get("appId").stringValue()).isEqualTo(app.appId());
		assertThat(registered.get(0).get("callbackUrl").stringValue())
			.isEqualTo("http://127.0.0.1:" + this.port + "/wechat/" + app.appId());
		JsonNode token = http.get()
			.uri("/emulator/api/cgi-bin/token?grant_type=client_credential&appid={id}&secret={secret}", app.appId(),
					app.secret())
			.retrieve()
			.body(JsonNode.class);
		assertThat(token.get("access_token")).isNotNull();
	}

	@Test
	void registersANewSandboxAppAndSwitchesOffOnceARealAppExists() {
		String appId = "wx00000000000000a1";
		this.registry.register(new AppDraft(appId, "second sandbox", "secret", "token123",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, true, null));
		try {
			RestClient http = signedIn();
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> registeredIds(http).contains(appId));
			// a real app now exists: the emulator stops serving, at once, for everyone
			this.registry.update(appId, new AppDraft(null, null, null, null, null, null, false, null));
			assertThat(status(http, "/emulator/apps")).isEqualTo(404);
			assertThat(status(http, "/emulator")).isEqualTo(404);
			assertThat(status(RestClient.create(baseUrl()),
					"/emulator/api/cgi-bin/token?grant_type=client_credential&appid=" + appId + "&secret=secret"))
				.isEqualTo(404);
		}
		finally {
			this.registry.remove(appId);
		}
		// no real app left: it serves again, without the app it never plays
		RestClient http = signedIn();
		assertThat(registeredIds(http)).isNotEmpty().doesNotContain(appId);
	}

	@Test
	void refusesAnonymousCallersOfTheChatAndTheControls() {
		RestClient anonymous = RestClient.create(baseUrl());
		// 401 for a script, the login page for a browser: never the emulator's answer
		assertThat(status(anonymous, "/emulator/apps")).isIn(401, 302);
		assertThat(status(anonymous, "/emulator/apps/" + this.apps.all().get(0).appId() + "/chats/someone")).isIn(401,
				302);
	}

	private static int status(RestClient http, String uri) {
		return http.get().uri(uri).exchange((request, response) -> response.getStatusCode().value());
	}

	private RestClient signedIn() {
		return ConsoleSession.emulatorClient(this.port, ADMIN, ADMIN_PASSWORD);
	}

	private static List<String> registeredIds(RestClient http) {
		List<String> ids = new java.util.ArrayList<>();
		http.get()
			.uri("/emulator/apps")
			.retrieve()
			.body(JsonNode.class)
			.forEach((app) -> ids.add(app.get("appId").stringValue()));
		return ids;
	}

}
