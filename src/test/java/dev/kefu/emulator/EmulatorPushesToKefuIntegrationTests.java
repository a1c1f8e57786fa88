package dev.kefu.emulator;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator pushing to kefu's own callback ({@code /wechat/{appId}}) over HTTP, as
 * WeChat would, for a sandbox app (the only kind it plays): kefu accepts every kind of
 * push in all six mode × format combinations, and passes WeChat's URL check.
 */
class EmulatorPushesToKefuIntegrationTests extends EmulatorIntegrationTestSupport {

	@Autowired
	AppRegistry registry;

	private String appId;

	@BeforeEach
	void registerOnBothSides() {
		this.appId = newAppId();
		this.registry.register(new AppDraft(this.appId, "pushed by the emulator", secretOf(this.appId),
				CallbackStub.TOKEN, CallbackStub.AES_KEY, null, true, null));
		registerApp(this.appId, "PLAINTEXT", "XML");
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "PLAINTEXT, XML", "PLAINTEXT, JSON", "COMPATIBLE, XML", "COMPATIBLE, JSON", "SAFE, XML",
			"SAFE, JSON" })
	void kefuAcceptsEveryKindOfPush(String mode, String format) {
		this.http.put()
			.uri("/emulator/apps/" + this.appId + "/push-config")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("mode", mode, "format", format))
			.retrieve()
			.toBodilessEntity();
		for (String type : new String[] { "enter", "text", "image", "miniprogrampage" }) {
			JsonNode outcome = push(this.appId, "user-" + mode + format, type,
					type.equals("enter") ? "banner" : "1 你好");
			assertThat(outcome.get("status").stringValue()).as(type).isEqualTo("ACKNOWLEDGED");
			assertThat(outcome.get("httpStatus").intValue()).as(type).isEqualTo(200);
			assertThat(outcome.get("detail").stringValue()).as(type).isEqualTo("success");
		}
	}

	@Test
	void kefuPassesWeChatsUrlCheck() {
		JsonNode verification = postJson("/emulator/apps/" + this.appId + "/verify", Map.of());
		assertThat(verification.get("ok").booleanValue()).isTrue();
	}

	@Test
	void kefuRefusesAPushSignedWithAnotherToken() {
		this.registry.update(this.appId, new AppDraft(null, null, null, "anothertoken", null, null, null, null));
		// the emulator follows a sandbox app's credentials: register it again with the
		// old Token
		registerApp(this.appId, "PLAINTEXT", "XML");
		JsonNode outcome = push(this.appId, "mallory", "text", "hi");
		assertThat(outcome.get("status").stringValue()).isEqualTo("FAILED");
		assertThat(outcome.get("httpStatus").intValue()).isBetween(400, 499);
	}

}
