package dev.kefu.console;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers API clients that are not signed in (401) or not allowed (403) with a problem
 * detail, never a redirect to the login page. The 401 carries the HTTP Basic challenge
 * for API clients (curl, integrations) but not for a browser asking for a page
 * ({@code Accept: text/html} or {@code Sec-Fetch-Mode: navigate}): the challenge would
 * make the browser ask for a password and then send it along with every request to
 * {@code /api}, other sites' forms included.
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final String realm;

	ProblemResponses(String realm) {
		this.realm = realm;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (!fromBrowser(request)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + this.realm + "\"");
		}
		write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
				"Sign in with HTTP Basic as a console user");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "Your role does not allow this");
	}

	/**
	 * The answer to a request another site made a browser send
	 * ({@link CrossSiteRequests}).
	 */
	void refuseCrossSite(HttpServletResponse response) throws IOException {
		write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
				"Requests from other sites are refused: call the API from this origin or from a non-browser client");
	}

	private static boolean fromBrowser(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE))
				|| "navigate".equalsIgnoreCase(request.getHeader("Sec-Fetch-Mode"));
	}

	private static void write(HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		// Constant text, so no JSON escaping is needed.
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
					+ detail + "\"}");
	}

}
