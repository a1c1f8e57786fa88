package dev.kefu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A client signed in to the console the way a person is: the login form with its CSRF
 * token, then the session cookie and the session's CSRF token on every request, as the
 * console's pages send them. For tests of pages and controls behind the console's
 * sign-in.
 */
public final class ConsoleSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	private static final Pattern EMULATOR_CSRF = Pattern.compile("\"headerName\":\"([^\"]+)\"|\"token\":\"([^\"]+)\"");

	private ConsoleSession() {
	}

	/**
	 * A {@link RestClient} on {@code http://127.0.0.1:port}, signed in as
	 * {@code username}, that sends the CSRF token the emulator hands out
	 * ({@code GET /emulator/csrf}) with every request.
	 */
	public static RestClient emulatorClient(int port, String username, String password) {
		String base = "http://127.0.0.1:" + port;
		HttpClient client = signIn(base, username, password);
		String json = send(client, HttpRequest.newBuilder(URI.create(base + "/emulator/csrf")).GET().build()).body();
		String header = null;
		String token = null;
		Matcher matcher = EMULATOR_CSRF.matcher(json);
		while (matcher.find()) {
			header = (matcher.group(1) != null) ? matcher.group(1) : header;
			token = (matcher.group(2) != null) ? matcher.group(2) : token;
		}
		if (header == null || token == null) {
			throw new IllegalStateException("no CSRF token from /emulator/csrf: " + json);
		}
		return RestClient.builder()
			.baseUrl(base)
			.requestFactory(new JdkClientHttpRequestFactory(client))
			.defaultHeader(header, token)
			.build();
	}

	/**
	 * An HTTP client holding the session cookie of {@code username}, signed in with the
	 * login form.
	 */
	public static HttpClient signIn(String base, String username, String password) {
		HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String page = send(client, HttpRequest.newBuilder(URI.create(base + "/login")).GET().build()).body();
		Matcher csrf = CSRF.matcher(page);
		if (!csrf.find()) {
			throw new IllegalStateException("the login page has no CSRF token");
		}
		String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
				+ encode(csrf.group(1));
		HttpResponse<String> login = send(client,
				HttpRequest.newBuilder(URI.create(base + "/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build());
		String location = login.headers().firstValue("Location").orElse("");
		if (login.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException(
					"could not sign in as " + username + ": " + login.statusCode() + " " + location);
		}
		return client;
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
