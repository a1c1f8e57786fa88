package dev.kefu.sandbox;

import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import dev.kefu.apps.App;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.apps.Apps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh start with no app configured: kefu creates the sandbox app, turns the emulator on and
 * registers the app with it, so the emulator hands out tokens for it and pushes to kefu.
 */
class SandboxIntegrationTests extends SandboxIntegrationTestSupport {

	@Autowired
	Apps apps;

	@Autowired
	AppRegistry registry;

	@Autowired
	Environment environment;

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
		assertThat(this.environment.getProperty("kefu.emulator.enabled", Boolean.class)).isTrue();
		RestClient http = RestClient.create("http://127.0.0.1:" + this.port);
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
	void registersANewSandboxAppAndForgetsItOnceItIsReal() {
		String appId = "wx00000000000000a1";
		this.registry.register(new AppDraft(appId, "second sandbox", "secret", "token123",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, true, null));
		RestClient http = RestClient.create("http://127.0.0.1:" + this.port);
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> registeredIds(http).contains(appId));
		// the emulator never serves real apps
		this.registry.update(appId, new AppDraft(null, null, null, null, null, null, false, null));
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !registeredIds(http).contains(appId));
		this.registry.remove(appId);
	}

	private static List<String> registeredIds(RestClient http) {
		List<String> ids = new java.util.ArrayList<>();
		http.get().uri("/emulator/apps").retrieve().body(JsonNode.class).forEach((app) -> ids.add(app.get("appId").stringValue()));
		return ids;
	}

}
