package dev.kefu.console;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session once its user is no longer what they were at sign-in: disabled,
 * deleted, given another role, or given another password (by themselves elsewhere, or by
 * an admin). The user is read again on every request of a signed-in session: one lookup
 * by primary key, cheap next to rendering a page, and — unlike a registry of sessions
 * held in memory — right on every instance, since all of them read the same table.
 */
class StaleSessions extends OncePerRequestFilter {

	private final ConsoleUsers users;

	private final ExpiredSessions expired;

	StaleSessions(ConsoleUsers users, ExpiredSessions expired) {
		this.users = users;
		this.expired = expired;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof SignedInUser signedIn) {
			Optional<ConsoleUser> current = this.users.find(signedIn.getUsername());
			if (current.isEmpty() || !signedIn.isCurrent(current.get())) {
				SecurityContextHolder.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				this.expired.onInvalidSessionDetected(request, response);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
