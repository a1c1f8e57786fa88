package dev.kefu.console;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 403, {@code /api} requests that a browser sent from another site: the API
 * takes HTTP Basic without a CSRF token, and a browser that holds Basic credentials for
 * kefu would send them along with a form another site posts. A request is from another
 * site when its {@code Sec-Fetch-Site} says {@code cross-site} or {@code same-site}, or
 * its {@code Origin} is not this server's scheme, host and port (as the request reached
 * kefu, after any {@code X-Forwarded-*} headers). Clients that send neither header, such
 * as curl or a server-side integration, are not affected.
 */
class CrossSiteRequests extends OncePerRequestFilter {

	private final ProblemResponses problems;

	CrossSiteRequests(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (fromAnotherSite(request)) {
			this.problems.refuseCrossSite(response);
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean fromAnotherSite(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			String value = site.strip().toLowerCase(Locale.ROOT);
			if (value.equals("cross-site") || value.equals("same-site")) {
				return true;
			}
		}
		String origin = request.getHeader("Origin");
		return origin != null && !sameOrigin(origin.strip(), request);
	}

	private static boolean sameOrigin(String origin, HttpServletRequest request) {
		try {
			URI uri = new URI(origin);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (uri.getHost() == null || !scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))) {
				return false; // also Origin: null, from a sandboxed frame or a file
			}
			int port = (uri.getPort() != -1) ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
			return uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort();
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
