package dev.kefu.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import dev.kefu.apps.App;

/**
 * Talks to the emulator the way an operator would: over HTTP, registering an app as WeChat
 * knows it (credentials and message push configuration) or forgetting one. The emulator keeps
 * its registry in memory, so the sandbox registers its apps on every start.
 */
final class EmulatorLink {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json;

	private final String baseUrl;

	/** @param baseUrl this server, e.g. {@code http://127.0.0.1:8080} (with its context path) */
	EmulatorLink(JsonMapper json, String baseUrl) {
		this.json = json;
		this.baseUrl = baseUrl;
	}

	String chatUrl(String appId) {
		return this.baseUrl + "/emulator?app=" + appId;
	}

	/** Registers (or re-registers) an app whose pushes go to this server's callback. */
	void register(App app) throws IOException, InterruptedException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("appId", app.appId());
		body.put("name", app.name());
		body.put("secret", app.secret());
		body.put("token", app.token());
		body.put("encodingAesKey", app.encodingAesKey());
		body.put("callbackUrl", this.baseUrl + "/wechat/" + app.appId());
		body.put("mode", "SAFE");
		body.put("format", "JSON");
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/emulator/apps"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body)))
			.build();
		int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status != 200 && status != 201) {
			throw new IOException("the emulator answered HTTP " + status + " to the registration of " + app.appId());
		}
	}

	/** Forgets an app (deleted, or no longer a sandbox app): the emulator never serves real apps. */
	void forget(String appId) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/emulator/apps/" + appId))
			.timeout(Duration.ofSeconds(10))
			.DELETE()
			.build();
		this.http.send(request, HttpResponse.BodyHandlers.discarding());
	}

}
