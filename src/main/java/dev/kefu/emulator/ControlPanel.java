package dev.kefu.emulator;

import java.time.Duration;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The emulator page's fault controls and logs: the same controls as
 * {@link FaultsEndpoint} for a person, and the latest API calls and pushes, each
 * answering its htmx fragment.
 */
@Controller
class ControlPanel {

	private final EmulatedApps apps;

	private final Faults faults;

	private final TokenIssuer tokens;

	private final ApiLog apiLog;

	private final PushLog pushLog;

	private final EmulatorTime time;

	ControlPanel(EmulatedApps apps, Faults faults, TokenIssuer tokens, ApiLog apiLog, PushLog pushLog,
			EmulatorTime time) {
		this.apps = apps;
		this.faults = faults;
		this.tokens = tokens;
		this.apiLog = apiLog;
		this.pushLog = pushLog;
		this.time = time;
	}

	@GetMapping("/emulator/ui/logs")
	String logs(@RequestParam(required = false) String app, Model model) {
		addLogs(model, app);
		model.addAttribute("app", (app != null) ? this.apps.find(app).orElse(null) : null);
		return "emulator/page :: logs";
	}

	@PostMapping("/emulator/ui/faults")
	String configureFaults(@RequestParam long seed, @RequestParam long delayMillis,
			@RequestParam int delayVariancePercent, @RequestParam int failurePercent, @RequestParam int failureErrcode,
			Model model) {
		this.faults.configure(new Faults.Settings(seed, Duration.ofMillis(delayMillis), delayVariancePercent,
				failurePercent, failureErrcode));
		return addFaults(model);
	}

	@PostMapping("/emulator/ui/faults/inject")
	String inject(@RequestParam int errcode, @RequestParam int count, @RequestParam(required = false) String api,
			Model model) {
		this.faults.inject(errcode, count, (api == null || api.isBlank()) ? null : Faults.Api.valueOf(api));
		return addFaults(model);
	}

	@PostMapping("/emulator/ui/faults/expire-tokens")
	String expireTokens(Model model) {
		this.tokens.expireAll();
		return addFaults(model);
	}

	@PostMapping("/emulator/ui/faults/skip")
	String skip(@RequestParam String duration, Model model) {
		this.time.skip(Duration.parse(duration));
		return addFaults(model);
	}

	@PostMapping("/emulator/ui/faults/reset")
	String resetFaults(Model model) {
		this.faults.reset();
		return addFaults(model);
	}

	void addLogs(Model model, String appId) {
		model.addAttribute("calls", this.apiLog.recent(appId, 30));
		model.addAttribute("pushes", this.pushLog.recent(appId, 20));
		model.addAttribute("clock", ChatPage.CLOCK);
	}

	String addFaults(Model model) {
		Faults.State state = this.faults.state();
		model.addAttribute("faultSettings", state.settings());
		model.addAttribute("injected", state.injected());
		model.addAttribute("now", ChatPage.CLOCK.format(this.time.now()));
		model.addAttribute("skipped", this.time.offset());
		model.addAttribute("apis", Faults.Api.values());
		return "emulator/page :: faults";
	}

}
