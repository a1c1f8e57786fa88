package dev.kefu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Plain HTTP against a running kefu, so tests see exactly the status, headers and bytes a
 * client gets: no redirects followed, no cookies kept, no error handling in between.
 */
public final class TestHttp {

	private static final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	private final String authorization;

	private TestHttp(String base, String authorization) {
		this.base = base;
		this.authorization = authorization;
	}

	/** Requests to {@code http://127.0.0.1:port} without credentials. */
	public static TestHttp on(int port) {
		return new TestHttp("http://127.0.0.1:" + port, null);
	}

	/** The same requests, with HTTP Basic credentials. */
	public TestHttp as(String username, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new TestHttp(this.base, "Basic " + credentials);
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	public HttpResponse<String> delete(String path) {
		return send("DELETE", path, null);
	}

	public HttpResponse<String> postJson(String path, String json) {
		return send("POST", path, json, "Content-Type", "application/json");
	}

	public HttpResponse<String> putJson(String path, String json) {
		return send("PUT", path, json, "Content-Type", "application/json");
	}

	/** Any request; {@code headers} are name, value pairs. */
	public HttpResponse<String> send(String method, String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
