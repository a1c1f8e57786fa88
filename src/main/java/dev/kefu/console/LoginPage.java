package dev.kefu.console;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page. A failed attempt gets one message, whatever the reason (an unknown
 * name, a wrong password, a disabled account, too many attempts), so the page tells
 * nobody which user names exist.
 */
@Controller
class LoginPage {

	static final String LAST_USERNAME = LoginPage.class.getName() + ".lastUsername";

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, HttpSession session, Model model) {
		String username = (String) session.getAttribute(LAST_USERNAME);
		if (error != null) {
			model.addAttribute("loginError", "login.failed");
			model.addAttribute("lastUsername", username);
		}
		// signing in leads back to the page the session ended on: say so
		model.addAttribute("returning", session.getAttribute(ExpiredSessions.RETURN_TO) != null);
		session.removeAttribute(LAST_USERNAME);
		session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		return "console/login";
	}

}
