package dev.kefu.console;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Where a sign-in leads: back to the page whose session ran out
 * ({@link ExpiredSessions#RETURN_TO}), else to the page asked for before signing in
 * (Spring Security's saved request), else home, which is the dashboard of the app last
 * looked at.
 */
class SignInSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Object back = (session != null) ? session.getAttribute(ExpiredSessions.RETURN_TO) : null;
		if (back instanceof String path) {
			session.removeAttribute(ExpiredSessions.RETURN_TO);
			clearAuthenticationAttributes(request);
			// the path was checked to be one of this server's pages when it was
			// remembered
			getRedirectStrategy().sendRedirect(request, response, path.substring(request.getContextPath().length()));
			return;
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

}
