package dev.kefu.console;

import java.security.Principal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/users} (ADMIN only): who may sign in and with which role. An admin cannot
 * lock themselves out, and the last enabled admin stays one. A change of role, of the
 * enabled flag or of the password ends the user's sessions ({@link StaleSessions});
 * "unlock" forgets the failed sign-ins {@link LoginThrottle} counted on this instance.
 */
@Controller
@RequestMapping("/admin/users")
class UsersPage {

	static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{2,64}");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private final ConsoleUsers users;

	private final LoginThrottle throttle;

	UsersPage(ConsoleUsers users, LoginThrottle throttle) {
		this.users = users;
		this.throttle = throttle;
	}

	@GetMapping
	String list(Model model) {
		ZoneId zone = ZoneId.systemDefault();
		model.addAttribute("users",
				this.users.all()
					.stream()
					.map((u) -> new Row(u.username(), u.role(), u.enabled(), this.throttle.paused(u.username()),
							DAY.format(u.createdAt().atZone(zone))))
					.toList());
		model.addAttribute("roles", Role.values());
		return "console/users";
	}

	@PostMapping
	String create(@RequestParam String username, @RequestParam Role role, @RequestParam String password, Model model,
			RedirectAttributes redirect) {
		String name = username.strip();
		if (!USERNAME.matcher(name).matches()) {
			model.addAttribute("usernameError", "users.usernameInvalid");
		}
		else if (this.users.find(name).isPresent()) {
			model.addAttribute("usernameError", "users.usernameTaken");
		}
		String weakness = PasswordPolicy.problem(password, name);
		if (weakness != null) {
			model.addAttribute("passwordError", weakness);
		}
		if (model.containsAttribute("usernameError") || model.containsAttribute("passwordError")) {
			model.addAttribute("draft", new Draft(name, role));
			return list(model);
		}
		try {
			this.users.create(name, password, role);
		}
		catch (DuplicateKeyException ex) {
			model.addAttribute("usernameError", "users.usernameTaken");
			model.addAttribute("draft", new Draft(name, role));
			return list(model);
		}
		redirect.addFlashAttribute("notice", "users.created");
		return "redirect:/admin/users";
	}

	@PostMapping("/{username}")
	String update(@PathVariable String username, @RequestParam Role role,
			@RequestParam(defaultValue = "false") boolean enabled, Principal principal, RedirectAttributes redirect) {
		ConsoleUser user = this.users.find(username).orElseThrow(NotFound::new);
		boolean demotesAdmin = user.role() == Role.ADMIN && user.enabled() && (role != Role.ADMIN || !enabled);
		if (demotesAdmin && user.username().equals(principal.getName())) {
			redirect.addFlashAttribute("problem", "users.self");
		}
		else if (demotesAdmin && enabledAdmins() <= 1) {
			redirect.addFlashAttribute("problem", "users.lastAdmin");
		}
		else {
			this.users.update(username, role, enabled);
			redirect.addFlashAttribute("notice", "users.updated");
		}
		return "redirect:/admin/users";
	}

	@PostMapping("/{username}/unlock")
	String unlock(@PathVariable String username, RedirectAttributes redirect) {
		this.users.find(username).orElseThrow(NotFound::new);
		this.throttle.forget(username);
		redirect.addFlashAttribute("notice", "users.updated");
		return "redirect:/admin/users";
	}

	@PostMapping("/{username}/password")
	String resetPassword(@PathVariable String username, @RequestParam String password, RedirectAttributes redirect) {
		this.users.find(username).orElseThrow(NotFound::new);
		String weakness = PasswordPolicy.problem(password, username);
		if (weakness != null) {
			redirect.addFlashAttribute("problem", weakness);
		}
		else {
			this.users.setPassword(username, password);
			this.throttle.forget(username);
			redirect.addFlashAttribute("notice", "users.updated");
		}
		return "redirect:/admin/users";
	}

	private long enabledAdmins() {
		return this.users.all().stream().filter((u) -> u.enabled() && u.role() == Role.ADMIN).count();
	}

	/** A user as the list shows it. */
	record Row(String username, Role role, boolean enabled, boolean paused, String created) {
	}

	/** What was typed into the new-user form, shown again beside its errors. */
	record Draft(String username, Role role) {
	}

}
