package dev.kefu.console;

import jakarta.servlet.http.HttpServletRequest;

import dev.kefu.apps.Apps;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The first page after sign-in: the dashboard of the app last looked at, or an invitation
 * to add one when kefu serves none yet. The dashboard is a frame: each module serves its
 * own panels (messages and hits from {@code rules.web}, deliveries from
 * {@code outbox.web}), which htmx loads into it, so the console reads no other module's
 * tables.
 */
@Controller
class DashboardPage {

	private final Apps apps;

	DashboardPage(Apps apps) {
		this.apps = apps;
	}

	/**
	 * {@code /apps} (the address the README gives) leads to the same place as {@code /}.
	 */
	@GetMapping({ "/", "/apps" })
	String home(HttpServletRequest request) {
		String appId = ConsoleShell.rememberedApp(request)
			.filter((id) -> this.apps.find(id).isPresent())
			.orElseGet(() -> this.apps.all().isEmpty() ? null : this.apps.all().get(0).appId());
		return (appId != null) ? "redirect:/apps/" + appId : "console/welcome";
	}

	@GetMapping("/apps/{appId}")
	String dashboard(@PathVariable String appId, Model model) {
		if (this.apps.find(appId).isEmpty()) {
			throw new NotFound();
		}
		model.addAttribute("appId", appId);
		return "console/dashboard";
	}

}
