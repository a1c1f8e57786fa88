package dev.kefu.console;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins, by form or by HTTP Basic, and locks an account after
 * {@code kefu.console.max-failed-logins} of them in a row for {@code kefu.console.lockout}; a
 * successful sign-in starts the count again. While locked even the right password is refused,
 * so guessing gains nothing. Failures for names that are no user change nothing.
 */
@Component
class LoginFailures extends SimpleUrlAuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(LoginFailures.class);

	private final ConsoleUsers users;

	private final ConsoleProperties.Console settings;

	LoginFailures(ConsoleUsers users, ConsoleProperties properties) {
		super("/login?error");
		this.users = users;
		this.settings = properties.console();
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		String username = event.getAuthentication().getName();
		if (username == null || username.isEmpty()) {
			return;
		}
		if (this.users.recordFailedLogin(username, this.settings.maxFailedLogins(), this.settings.lockout())) {
			logger.info("Console user '{}' locked for {} after {} failed sign-ins", username,
					this.settings.lockout(), this.settings.maxFailedLogins());
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		this.users.recordLogin(event.getAuthentication().getName());
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		// the name is shown again in the form; the password never is
		request.getSession().setAttribute(LoginPage.LAST_USERNAME, request.getParameter("username"));
		super.onAuthenticationFailure(request, response, exception);
	}

}
