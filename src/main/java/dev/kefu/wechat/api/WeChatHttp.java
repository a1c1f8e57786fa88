package dev.kefu.wechat.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP exchange with WeChat: builds the URL, sends, and turns every outcome into a
 * value. Transport failures and non-2xx answers become an {@link ApiError}; a 2xx answer
 * is returned as JSON for the caller to read its {@code errcode}.
 * <p>
 * It runs on Apache HttpClient's blocking client over a pool of kept-alive HTTP/1.1
 * connections: the callers are sender threads that wait for the answer anyway, and the
 * blocking client costs a fraction of the CPU of the JDK's asynchronous one per call. The
 * read timeout bounds each wait for bytes; WeChat's answers are a few hundred bytes, so
 * it bounds the call.
 * <p>
 * Access tokens and secrets travel in query strings, so this class never lets a URL reach
 * a log or an error message, and scrubs the given secrets from exception messages.
 */
final class WeChatHttp implements AutoCloseable {

	/** Connections kept per host: more than the outbox's senders ever use at once. */
	private static final int MAX_CONNECTIONS = 256;

	private final CloseableHttpClient client;

	private final String baseUrl;

	private final Supplier<URI> sandboxBaseUrl;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param baseUrl where WeChat's API is
	 * @param sandboxBaseUrl where the API of sandbox apps is, asked on each call because
	 * the local server's port may be known only once it listens
	 */
	WeChatHttp(URI baseUrl, Supplier<URI> sandboxBaseUrl, Duration connectTimeout, Duration readTimeout) {
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(connectTimeout))
			.setSocketTimeout(Timeout.of(readTimeout))
			// a kept-alive connection that sat idle is checked before it is used again
			.setValidateAfterInactivity(TimeValue.ofSeconds(2))
			.setTimeToLive(TimeValue.ofMinutes(5))
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(connections)
				.setMaxConnTotal(MAX_CONNECTIONS)
				.setMaxConnPerRoute(MAX_CONNECTIONS)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(Timeout.of(connectTimeout))
				.setResponseTimeout(Timeout.of(readTimeout))
				.build())
			// every answer is a value to classify: no redirects, no retries behind the
			// caller's back
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableContentCompression()
			.evictIdleConnections(TimeValue.of(30, TimeUnit.SECONDS))
			.build();
		this.baseUrl = withoutTrailingSlash(baseUrl);
		this.sandboxBaseUrl = sandboxBaseUrl;
	}

	ApiResult<JsonNode> get(AppCredentials app, String path, Map<String, String> query) {
		return exchange(new HttpGet(uri(app, path, query)), query);
	}

	ApiResult<JsonNode> postJson(AppCredentials app, String path, Map<String, String> query, Object body) {
		HttpPost post = new HttpPost(uri(app, path, query));
		post.setEntity(new ByteArrayEntity(this.json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
		return exchange(post, query);
	}

	ApiResult<JsonNode> postMultipart(AppCredentials app, String path, Map<String, String> query, String partName,
			String fileName, String contentType, byte[] content) {
		Multipart multipart = Multipart.of(partName, fileName, contentType, content);
		HttpPost post = new HttpPost(uri(app, path, query));
		post.setEntity(new ByteArrayEntity(multipart.body(), ContentType.parse(multipart.contentType())));
		return exchange(post, query);
	}

	/** Closes the kept-alive connections (at shutdown). */
	@Override
	public void close() {
		this.client.close(CloseMode.GRACEFUL);
	}

	private URI uri(AppCredentials app, String path, Map<String, String> query) {
		StringJoiner joiner = new StringJoiner("&", "?", "");
		joiner.setEmptyValue("");
		query.forEach((name, value) -> joiner.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
		String base = app.sandbox() ? withoutTrailingSlash(this.sandboxBaseUrl.get()) : this.baseUrl;
		return URI.create(base + path + joiner);
	}

	private static String withoutTrailingSlash(URI url) {
		String base = url.toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	private ApiResult<JsonNode> exchange(HttpUriRequestBase request, Map<String, String> query) {
		Response response;
		try {
			// the handler reads the whole body, which hands the connection back to the
			// pool
			response = this.client.execute(request,
					(answer) -> new Response(answer.getCode(), EntityUtils.toByteArray(answer.getEntity())));
		}
		catch (InterruptedIOException ex) {
			if (Thread.currentThread().isInterrupted()) {
				return ApiResult.failed(ApiError.transientFailure("interrupted"));
			}
			// a connect or read timeout
			return ApiResult.failed(ApiError.transientFailure("timeout: " + scrub(ex.getMessage(), query)));
		}
		catch (IOException ex) {
			return ApiResult.failed(ApiError
				.transientFailure("I/O error: " + ex.getClass().getSimpleName() + " " + scrub(ex.getMessage(), query)));
		}
		int status = response.status();
		if (status >= 500 || status == 429) {
			return ApiResult.failed(ApiError.transientFailure("HTTP " + status));
		}
		if (status < 200 || status > 299) {
			return ApiResult.failed(new ApiError(ApiError.Kind.PERMANENT, null, "HTTP " + status));
		}
		try {
			if (response.body() == null || response.body().length == 0) {
				return ApiResult.failed(ApiError.transientFailure("HTTP " + status + " without a JSON object"));
			}
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

	private record Response(int status, byte[] body) {
	}

	/**
	 * Removes every query value (tokens, secrets) from a message that might quote the
	 * URL.
	 */
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
