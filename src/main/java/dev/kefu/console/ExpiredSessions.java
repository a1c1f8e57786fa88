package dev.kefu.console;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.session.InvalidSessionStrategy;

/**
 * Sends a browser whose session ended back to the sign-in page. A page load is redirected;
 * an htmx request is answered 401 with {@code HX-Redirect}, because a redirect would swap the
 * sign-in page into the middle of the screen it came from.
 */
class ExpiredSessions implements InvalidSessionStrategy, AuthenticationEntryPoint {

	private final String target;

	ExpiredSessions(String target) {
		this.target = target;
	}

	@Override
	public void onInvalidSessionDetected(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		send(request, response);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		send(request, response);
	}

	private void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String location = request.getContextPath() + this.target;
		// a new session at once, so the stale cookie is replaced and the sign-in page is not
		// taken for another timeout
		request.getSession(true);
		if (request.getHeader("HX-Request") != null) {
			response.setHeader("HX-Redirect", location);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		response.sendRedirect(location);
	}

}
