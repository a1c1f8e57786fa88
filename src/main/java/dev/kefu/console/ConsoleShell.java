package dev.kefu.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import dev.kefu.apps.Apps;
import dev.kefu.console.ConsoleView.AppChoice;

import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Adds the {@link ConsoleView} to every page that renders a template, and remembers the
 * app last looked at so the navigation keeps pointing at it. Runs after the handler, only
 * for views: REST answers and WeChat pushes never pay for it.
 */
@Component
class ConsoleShell implements HandlerInterceptor {

	static final String CURRENT_APP = ConsoleShell.class.getName() + ".currentApp";

	private final Apps apps;

	private final SandboxLink sandbox;

	private final long maxUpload;

	ConsoleShell(Apps apps, SandboxLink sandbox, MultipartProperties multipart) {
		this.apps = apps;
		this.sandbox = sandbox;
		this.maxUpload = multipart.getMaxFileSize().toBytes();
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView modelAndView) {
		if (modelAndView == null || !modelAndView.isReference() || modelAndView.getViewName().startsWith("redirect:")) {
			return;
		}
		modelAndView.addObject("console", view(request));
	}

	ConsoleView view(HttpServletRequest request) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		boolean signedIn = auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName());
		List<AppChoice> choices = this.apps.all()
			.stream()
			.map((app) -> new AppChoice(app.appId(), app.name(), app.sandbox()))
			.toList();
		AppChoice current = signedIn ? currentApp(request, choices) : null;
		return new ConsoleView(signedIn ? auth.getName() : null, signedIn ? role(auth) : null,
				signedIn ? choices : List.of(), current, section(request.getRequestURI(), request.getContextPath()),
				this.sandbox.url().orElse(null), htmxHeaders(request), this.maxUpload);
	}

	private static AppChoice currentApp(HttpServletRequest request, List<AppChoice> choices) {
		HttpSession session = request.getSession(false);
		String wanted = pathAppId(request)
			.orElseGet(() -> (session != null) ? (String) session.getAttribute(CURRENT_APP) : null);
		AppChoice current = choices.stream()
			.filter((choice) -> choice.appId().equals(wanted))
			.findFirst()
			.orElse(choices.isEmpty() ? null : choices.get(0));
		// a page remembers its app; a part of a page (htmx) may arrive after the next
		// page, e.g.
		// a dashboard panel still loading when the operator moves on to another app
		if (current != null && session != null && !"true".equals(request.getHeader("HX-Request"))) {
			session.setAttribute(CURRENT_APP, current.appId());
		}
		return current;
	}

	/**
	 * The app a page is about, remembered for the next page; empty when none is known.
	 */
	static Optional<String> rememberedApp(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return Optional.ofNullable((session != null) ? (String) session.getAttribute(CURRENT_APP) : null);
	}

	@SuppressWarnings("unchecked")
	private static Optional<String> pathAppId(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variables instanceof Map<?, ?> map && request.getRequestURI().contains("/apps/")) {
			return Optional.ofNullable((String) ((Map<String, String>) map).get("appId"));
		}
		return Optional.empty();
	}

	private static String role(Authentication auth) {
		return auth.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.sorted()
			.findFirst()
			.orElse("EDITOR");
	}

	/** The navigation entry a path belongs to. */
	static String section(String uri, String contextPath) {
		String path = uri.substring(contextPath.length());
		String[] parts = path.split("/");
		if (path.startsWith("/admin/") && parts.length > 2) {
			return parts[2];
		}
		if (path.startsWith("/apps/") && parts.length > 3) {
			return parts[3];
		}
		if (path.startsWith("/account")) {
			return "account";
		}
		return "dashboard";
	}

	private static String htmxHeaders(HttpServletRequest request) {
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
			return "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}";
		}
		return null;
	}

}
