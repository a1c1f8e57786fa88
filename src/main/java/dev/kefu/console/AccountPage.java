package dev.kefu.console;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/password}: a signed-in user changes their own password, which must pass
 * the {@link PasswordPolicy}. Their other sessions end; this one goes on.
 */
@Controller
@RequestMapping("/account/password")
class AccountPage {

	private final ConsoleUsers users;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	AccountPage(ConsoleUsers users) {
		this.users = users;
	}

	@GetMapping
	String form() {
		return "console/password";
	}

	@PostMapping
	String change(Principal principal, @RequestParam String current, @RequestParam String password,
			@RequestParam String repeat, Model model, RedirectAttributes redirect, HttpServletRequest request,
			HttpServletResponse response) {
		ConsoleUser user = this.users.find(principal.getName()).orElseThrow(NotFound::new);
		if (!this.users.passwordMatches(user, current)) {
			model.addAttribute("currentError", "password.wrongCurrent");
		}
		String problem = problem(password, repeat, current, user.username());
		if (problem != null) {
			model.addAttribute("passwordError", problem);
		}
		if (model.containsAttribute("currentError") || problem != null) {
			return "console/password";
		}
		this.users.setPassword(user.username(), password);
		stayOnAfterChange(user.username(), request, response);
		redirect.addFlashAttribute("notice", "password.changed");
		return "redirect:/account/password";
	}

	/**
	 * A password change ends every session of the user ({@link StaleSessions}) but this
	 * one: it is signed in again with the new password's time, under a new session id.
	 */
	private void stayOnAfterChange(String username, HttpServletRequest request, HttpServletResponse response) {
		SignedInUser principal = new SignedInUser(this.users.find(username).orElseThrow(NotFound::new));
		principal.eraseCredentials();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.changeSessionId();
		this.contexts.saveContext(context, request, response);
	}

	/** The message key of what is wrong with a new password, or {@code null}. */
	static String problem(String password, String repeat, String current, String username) {
		String weakness = PasswordPolicy.problem(password, username);
		if (weakness != null) {
			return weakness;
		}
		if (!password.equals(repeat)) {
			return "password.mismatch";
		}
		if (password.equals(current)) {
			return "password.same";
		}
		return null;
	}

}
