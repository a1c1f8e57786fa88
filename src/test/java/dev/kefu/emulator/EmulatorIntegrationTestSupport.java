package dev.kefu.emulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import dev.kefu.ConsoleSession;
import dev.kefu.TestDatabases;

/**
 * One application context with the emulator switched on explicitly, shared by the
 * emulator's HTTP tests (the machine is small: one context, reused). Emulator state lives
 * as long as the context, so every test registers its own app with a fresh app id; faults
 * are reset after each test. The controls need a console sign-in with ADMIN:
 * {@link #http} is signed in as the first administrator and sends the session's CSRF
 * token.
 * <p>
 * The emulator pushes only to this server's own {@code /wechat/{appId}}; tests of how it
 * pushes to a stand-in developer server put the app into the registry in process
 * ({@link #plantApp}), which no HTTP caller can do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kefu.emulator.enabled=true", "kefu.emulator.push-timeout=2s",
				"kefu.admin.username=" + EmulatorIntegrationTestSupport.ADMIN,
				"kefu.admin.password=" + EmulatorIntegrationTestSupport.ADMIN_PASSWORD })
abstract class EmulatorIntegrationTestSupport {

	static final String ADMIN = "emulator-admin";

	static final String ADMIN_PASSWORD = "Emul4tor-admin-password";

	private static final String DATABASE = TestDatabases.freshH2();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> DATABASE);
	}

	@LocalServerPort
	int port;

	@Autowired
	EmulatedApps emulatedApps;

	RestClient http;

	@BeforeEach
	void client() {
		this.http = ConsoleSession.emulatorClient(this.port, ADMIN, ADMIN_PASSWORD);
		this.http.delete().uri("/emulator/faults").retrieve().toBodilessEntity();
	}

	@AfterEach
	void resetFaults() {
		this.http.delete().uri("/emulator/faults").retrieve().toBodilessEntity();
	}

	static String newAppId() {
		return "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	/**
	 * Registers an app with the stub's Token and EncodingAESKey and the given push
	 * configuration through the registration endpoint; its pushes go to this server's own
	 * {@code /wechat/{appId}}.
	 */
	String registerApp(String appId, String mode, String format) {
		this.http.post()
			.uri("/emulator/apps")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("appId", appId, "name", "Test " + appId, "secret", secretOf(appId), "token",
					CallbackStub.TOKEN, "encodingAesKey", CallbackStub.AES_KEY, "mode", mode, "format", format))
			.retrieve()
			.toBodilessEntity();
		return appId;
	}

	/**
	 * Puts an app pushing to a stand-in developer server at {@code callbackUrl} straight
	 * into the emulator's registry, in process: the HTTP endpoints accept only this
	 * server's own callback.
	 */
	String plantApp(String appId, String callbackUrl, String mode, String format) {
		this.emulatedApps.register(new EmulatedApp(appId, "Test " + appId, secretOf(appId), CallbackStub.TOKEN,
				CallbackStub.AES_KEY, java.net.URI.create(callbackUrl), PushMode.valueOf(mode),
				dev.kefu.wechat.push.PushFormat.valueOf(format)));
		return appId;
	}

	/**
	 * The user acts ({@code text}, {@code image} or {@code enter}); answers the push's
	 * outcome.
	 */
	JsonNode push(String appId, String user, String type, String content) {
		Map<String, Object> request = new java.util.HashMap<>(Map.of("appId", appId, "user", user, "type", type));
		if (content != null) {
			request.put(type.equals("enter") ? "sessionFrom" : "content", content);
		}
		return postJson("/emulator/push", request);
	}

	/** What the user's chat window shows, as {@code [{"kind":…,"entry":{…}}]}. */
	JsonNode chat(String appId, String user) {
		return get("/emulator/apps/" + appId + "/chats/" + user);
	}

	static String openId(String appId, String user) {
		return Conversations.openId(appId, user);
	}

	/**
	 * An app kefu does not serve, registered through the endpoint: its pushes reach this
	 * server's callback, which refuses them (unknown app), so users can still act and
	 * pushes just fail.
	 */
	String registerApp() {
		return registerApp(newAppId(), "PLAINTEXT", "XML");
	}

	static String secretOf(String appId) {
		return "secret-of-" + appId;
	}

	JsonNode token(String appId) {
		return get("/emulator/api/cgi-bin/token?grant_type=client_credential&appid=" + appId + "&secret="
				+ secretOf(appId));
	}

	String accessToken(String appId) {
		return token(appId).get("access_token").stringValue();
	}

	JsonNode stableToken(String appId, boolean forceRefresh) {
		return postJson("/emulator/api/cgi-bin/stable_token", Map.of("grant_type", "client_credential", "appid", appId,
				"secret", secretOf(appId), "force_refresh", forceRefresh));
	}

	JsonNode send(String accessToken, String body) {
		return postJson("/emulator/api/cgi-bin/message/custom/send?access_token=" + accessToken, body);
	}

	JsonNode typing(String accessToken, String openId, String command) {
		return postJson("/emulator/api/cgi-bin/message/custom/typing?access_token=" + accessToken,
				"{\"touser\":\"" + openId + "\",\"command\":\"" + command + "\"}");
	}

	JsonNode upload(String accessToken, String type, String part, byte[] content) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add(part, new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return "picture.png";
			}
		});
		return this.http.post()
			.uri("/emulator/api/cgi-bin/media/upload?access_token=" + accessToken + "&type=" + type)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(form)
			.retrieve()
			.body(JsonNode.class);
	}

	/**
	 * Checks a token with a call that needs nothing else: 40007 means the token was
	 * accepted.
	 */
	int tokenCheck(String accessToken) {
		return get("/emulator/api/cgi-bin/media/get?access_token=" + accessToken + "&media_id=none").get("errcode")
			.intValue();
	}

	void skip(String duration) {
		postJson("/emulator/faults/time-skip", Map.of("duration", duration));
	}

	JsonNode get(String uri) {
		return this.http.get().uri(uri).retrieve().body(JsonNode.class);
	}

	/** Posts {@code body} as JSON; a {@code String} goes as it is, well-formed or not. */
	JsonNode postJson(String uri, Object body) {
		return this.http.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(JsonNode.class);
	}

	static int errcode(JsonNode answer) {
		JsonNode errcode = answer.get("errcode");
		return (errcode != null) ? errcode.intValue() : 0;
	}

	static byte[] png() {
		BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
		image.setRGB(1, 1, 0x07C160);
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
