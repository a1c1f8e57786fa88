package dev.kefu.wechat.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP exchange with WeChat on the JDK client: builds the URL, sends, and turns every
 * outcome into a value. Transport failures and non-2xx answers become an {@link ApiError};
 * a 2xx answer is returned as JSON for the caller to read its {@code errcode}.
 * <p>
 * Access tokens and secrets travel in query strings, so this class never lets a URL reach
 * a log or an error message, and scrubs the given secrets from exception messages.
 */
final class WeChatHttp {

	private final HttpClient client;

	private final String baseUrl;

	private final Supplier<URI> sandboxBaseUrl;

	private final Duration readTimeout;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param baseUrl where WeChat's API is
	 * @param sandboxBaseUrl where the API of sandbox apps is, asked on each call because the
	 * local server's port may be known only once it listens
	 */
	WeChatHttp(URI baseUrl, Supplier<URI> sandboxBaseUrl, Duration connectTimeout, Duration readTimeout) {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.baseUrl = withoutTrailingSlash(baseUrl);
		this.sandboxBaseUrl = sandboxBaseUrl;
		this.readTimeout = readTimeout;
	}

	ApiResult<JsonNode> get(AppCredentials app, String path, Map<String, String> query) {
		return exchange(request(app, path, query).GET(), query);
	}

	ApiResult<JsonNode> postJson(AppCredentials app, String path, Map<String, String> query, Object body) {
		byte[] bytes = this.json.writeValueAsBytes(body);
		return exchange(request(app, path, query).header("Content-Type", "application/json; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), query);
	}

	ApiResult<JsonNode> postMultipart(AppCredentials app, String path, Map<String, String> query, String partName,
			String fileName, String contentType, byte[] content) {
		Multipart multipart = Multipart.of(partName, fileName, contentType, content);
		return exchange(request(app, path, query).header("Content-Type", multipart.contentType())
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body())), query);
	}

	private HttpRequest.Builder request(AppCredentials app, String path, Map<String, String> query) {
		StringJoiner joiner = new StringJoiner("&", "?", "");
		joiner.setEmptyValue("");
		query.forEach((name, value) -> joiner.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
		String base = app.sandbox() ? withoutTrailingSlash(this.sandboxBaseUrl.get()) : this.baseUrl;
		return HttpRequest.newBuilder(URI.create(base + path + joiner)).timeout(this.readTimeout);
	}

	private static String withoutTrailingSlash(URI url) {
		String base = url.toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	private ApiResult<JsonNode> exchange(HttpRequest.Builder request, Map<String, String> query) {
		HttpResponse<byte[]> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpTimeoutException ex) {
			return ApiResult.failed(ApiError.transientFailure("timeout: " + scrub(ex.getMessage(), query)));
		}
		catch (IOException ex) {
			return ApiResult.failed(ApiError
				.transientFailure("I/O error: " + ex.getClass().getSimpleName() + " " + scrub(ex.getMessage(), query)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ApiResult.failed(ApiError.transientFailure("interrupted"));
		}
		int status = response.statusCode();
		if (status >= 500 || status == 429) {
			return ApiResult.failed(ApiError.transientFailure("HTTP " + status));
		}
		if (status < 200 || status > 299) {
			return ApiResult.failed(new ApiError(ApiError.Kind.PERMANENT, null, "HTTP " + status));
		}
		try {
			JsonNode body = this.json.readTree(response.body());
			if (body == null || !body.isObject()) {
				return ApiResult.failed(ApiError.transientFailure("HTTP " + status + " without a JSON object"));
			}
			return ApiResult.ok(body);
		}
		catch (JacksonException ex) {
			return ApiResult.failed(ApiError.transientFailure("HTTP " + status + " without a JSON object"));
		}
	}

	/** Removes every query value (tokens, secrets) from a message that might quote the URL. */
	private static String scrub(String message, Map<String, String> query) {
		if (message == null) {
			return "";
		}
		String scrubbed = message;
		for (String value : query.values()) {
			if (value.length() >= 8) {
				scrubbed = scrubbed.replace(value, "***")
					.replace(URLEncoder.encode(value, StandardCharsets.UTF_8), "***");
			}
		}
		return scrubbed;
	}

}
