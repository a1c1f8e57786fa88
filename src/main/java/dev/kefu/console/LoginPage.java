package dev.kefu.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page, saying why the last attempt failed: a wrong password, a locked account
 * (and for how long), or a disabled one.
 */
@Controller
class LoginPage {

	static final String LAST_USERNAME = LoginPage.class.getName() + ".lastUsername";

	private final ConsoleUsers users;

	private final MessageSource messages;

	private final Clock clock;

	LoginPage(ConsoleUsers users, MessageSource messages, Clock clock) {
		this.users = users;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, HttpSession session, Model model) {
		String username = (String) session.getAttribute(LAST_USERNAME);
		if (error != null) {
			Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
			model.addAttribute("loginError", message(failure, username));
			model.addAttribute("lastUsername", username);
		}
		session.removeAttribute(LAST_USERNAME);
		session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		return "console/login";
	}

	private String message(Object failure, String username) {
		if (failure instanceof LockedException) {
			Instant until = (username != null) ? this.users.find(username).map(ConsoleUser::lockedUntil).orElse(null)
					: null;
			long minutes = (until != null) ? Math.max(1, Duration.between(this.clock.instant(), until).toMinutes() + 1)
					: 1;
			return text("login.locked", minutes);
		}
		if (failure instanceof DisabledException) {
			return text("login.disabled");
		}
		return text("login.failed");
	}

	private String text(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

}
