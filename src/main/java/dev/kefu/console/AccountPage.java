package dev.kefu.console;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /account/password}: a signed-in user changes their own password. */
@Controller
@RequestMapping("/account/password")
class AccountPage {

	static final int MIN_PASSWORD_LENGTH = 10;

	private final ConsoleUsers users;

	AccountPage(ConsoleUsers users) {
		this.users = users;
	}

	@GetMapping
	String form() {
		return "console/password";
	}

	@PostMapping
	String change(Principal principal, @RequestParam String current, @RequestParam String password,
			@RequestParam String repeat, Model model, RedirectAttributes redirect) {
		ConsoleUser user = this.users.find(principal.getName()).orElseThrow(NotFound::new);
		if (!this.users.passwordMatches(user, current)) {
			model.addAttribute("currentError", "password.wrongCurrent");
		}
		String problem = problem(password, repeat, current);
		if (problem != null) {
			model.addAttribute("passwordError", problem);
		}
		if (model.containsAttribute("currentError") || problem != null) {
			return "console/password";
		}
		this.users.setPassword(user.username(), password);
		redirect.addFlashAttribute("notice", "password.changed");
		return "redirect:/account/password";
	}

	/** The message key of what is wrong with a new password, or {@code null}. */
	static String problem(String password, String repeat, String current) {
		if (password.length() < MIN_PASSWORD_LENGTH) {
			return "password.tooShort";
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
