package dev.kefu.console;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.session.InvalidSessionStrategy;

/**
 * Sends a browser whose session ended back to the sign-in page. A page load is
 * redirected; an htmx request is answered 401 with {@code HX-Redirect}, because a
 * redirect would swap the sign-in page into the middle of the screen it came from.
 * <p>
 * The page the operator was on is remembered in the new session ({@link #RETURN_TO}), and
 * signing in leads back to it ({@link SignInSuccess}): the page itself for a page load,
 * the page that sent an htmx request or posted a form (a save, say) for those. So an
 * editor whose session ran out returns to the same rule of the same app, where the page
 * restores what was typed (console.js keeps it in the tab's session storage).
 */
class ExpiredSessions implements InvalidSessionStrategy, AuthenticationEntryPoint {

	/** The session attribute holding the path to return to after signing in. */
	static final String RETURN_TO = ExpiredSessions.class.getName() + ".returnTo";

	/** Paths that are no place to return to. */
	private static final Pattern NOWHERE = Pattern.compile("/(login|logout|error)([/?].*)?");

	private final String target;

	ExpiredSessions(String target) {
		this.target = target;
	}

	@Override
	public void onInvalidSessionDetected(HttpServletRequest request, HttpServletResponse response) throws IOException {
		send(request, response);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		send(request, response);
	}

	private void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String location = request.getContextPath() + this.target;
		Optional<String> back = returnTo(request);
		// a new session at once, so the stale cookie is replaced and the sign-in page is
		// not
		// taken for another timeout
		HttpSession session = request.getSession(true);
		back.ifPresent((path) -> session.setAttribute(RETURN_TO, path));
		if (request.getHeader("HX-Request") != null) {
			response.setHeader("HX-Redirect", location);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		response.sendRedirect(location);
	}

	/**
	 * The console page behind a request: an htmx request's page ({@code HX-Current-URL}),
	 * a form post's ({@code Referer}, same-origin only by the console's Referrer-Policy),
	 * or the page asked for. Only the path and query are kept, so the answer is always a
	 * page of this server.
	 */
	static Optional<String> returnTo(HttpServletRequest request) {
		String candidate;
		if (request.getHeader("HX-Request") != null) {
			candidate = pathOf(request.getHeader("HX-Current-URL"));
		}
		else if ("GET".equals(request.getMethod())) {
			String accept = request.getHeader(HttpHeaders.ACCEPT);
			// a page, not an image or script the page asked for
			candidate = (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) ? request.getRequestURI()
					+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "") : null;
		}
		else {
			candidate = pathOf(request.getHeader(HttpHeaders.REFERER));
		}
		String context = request.getContextPath();
		if (candidate == null || !candidate.startsWith(context + "/") || candidate.startsWith(context + "//")
				|| candidate.contains("\\") || candidate.chars().anyMatch(Character::isISOControl)
				|| NOWHERE.matcher(candidate.substring(context.length())).matches()) {
			return Optional.empty();
		}
		return Optional.of(candidate);
	}

	private static String pathOf(String url) {
		if (url == null) {
			return null;
		}
		try {
			URI uri = URI.create(url);
			return (uri.getRawPath() == null) ? null
					: uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
