package dev.kefu;

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

/**
 * Plain HTTP against a running kefu, so tests see exactly the status, headers and bytes a
 * client gets: no redirects followed, no cookies kept, no error handling in between.
 */
public final class TestHttp {

	private static final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

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

	/** The same requests, without credentials. */
	public TestHttp anonymous() {
		return new TestHttp(this.base, null);
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	/** A GET whose answer is kept as bytes, e.g. an image. */
	public HttpResponse<byte[]> getBytes(String path) {
		return exchange(request("GET", path, BodyPublishers.noBody()), BodyHandlers.ofByteArray());
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

	public HttpResponse<String> postXml(String path, String xml) {
		return send("POST", path, xml, "Content-Type", "text/xml");
	}

	/**
	 * Posts {@code content} as the multipart field {@code file}, as a browser uploads a
	 * file.
	 */
	public HttpResponse<String> upload(String path, String fileName, byte[] content) {
		String boundary = "kefu-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return exchange(request("POST", path, BodyPublishers.ofByteArray(body.toByteArray())).header("Content-Type",
				"multipart/form-data; boundary=" + boundary), BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** Any request; {@code headers} are name, value pairs. */
	public HttpResponse<String> send(String method, String path, String body, String... headers) {
		HttpRequest.Builder request = request(method, path,
				(body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return exchange(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request(String method, String path, HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).method(method, body);
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return request;
	}

	private static <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> answer) {
		try {
			return client.send(request.build(), answer);
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
