package dev.kefu.rules;

import java.io.ByteArrayOutputStream;
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
import java.util.UUID;

/** Real HTTP to the application under test, as a console user or anonymously. */
final class TestHttp {

	private static final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	private final String authorization;

	private TestHttp(String base, String authorization) {
		this.base = base;
		this.authorization = authorization;
	}

	static TestHttp admin(int port) {
		return new TestHttp("http://127.0.0.1:" + port, "Basic " + Base64.getEncoder()
			.encodeToString((RulesIntegrationTest.ADMIN + ":" + RulesIntegrationTest.ADMIN_PASSWORD)
				.getBytes(StandardCharsets.UTF_8)));
	}

	TestHttp anonymous() {
		return new TestHttp(this.base, null);
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	HttpResponse<byte[]> getBytes(String path) {
		try {
			return client.send(request(path).GET().build(), BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> post(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
	}

	HttpResponse<String> postXml(String path, String xml) {
		return send(request(path).header("Content-Type", "text/xml")
			.POST(BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
	}

	HttpResponse<String> put(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
	}

	HttpResponse<String> delete(String path) {
		return send(request(path).DELETE());
	}

	/** Posts {@code content} as the multipart field {@code file}. */
	HttpResponse<String> upload(String path, String fileName, byte[] content) {
		String boundary = "kefu-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path));
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		return builder;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
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
