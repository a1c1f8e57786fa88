package dev.kefu.console;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** {@code /apps/{appId}/test}: the test console. */
@Controller
@RequestMapping("/apps/{appId}/test")
class TestConsolePage {

	private final Apps apps;

	private final TestConsole console;

	TestConsolePage(Apps apps, TestConsole console) {
		this.apps = apps;
		this.console = console;
	}

	@GetMapping
	String page(@PathVariable String appId, @RequestParam(required = false) String text, Model model) {
		App app = app(appId);
		model.addAttribute("appId", appId);
		model.addAttribute("kind", "text");
		model.addAttribute("text", text);
		if (text != null && !text.isBlank()) {
			model.addAttribute("run", this.console.play(app, "text", text, null));
		}
		return "console/test";
	}

	/**
	 * htmx: plays one message; the result goes beside the form, the exchange into the
	 * phone.
	 */
	@PostMapping
	String play(@PathVariable String appId, @RequestParam(defaultValue = "text") String kind,
			@RequestParam(required = false) String text, @RequestParam(required = false) String sessionFrom,
			Model model) {
		App app = app(appId);
		model.addAttribute("appId", appId);
		model.addAttribute("run", this.console.play(app, kind, text, sessionFrom));
		return "console/test-result :: result";
	}

	private App app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
