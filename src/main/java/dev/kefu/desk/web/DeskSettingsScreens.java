package dev.kefu.desk.web;

import java.security.Principal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import dev.kefu.apps.Apps;
import dev.kefu.desk.QuickReplies;
import dev.kefu.media.Assets;
import dev.kefu.rules.AgentPresence;
import dev.kefu.rules.BusinessHours;
import dev.kefu.rules.Holds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The desk's settings, {@code /apps/{appId}/desk-settings}, for operators (admins and
 * editors, not agents): the app's library of quick replies (added, changed and deleted
 * here), whether welcome replies still answer a user an agent holds, and the desk hours
 * (outside them a rule that hands a user to an agent answers with the app's
 * AGENTS_OFFLINE rule, agents online or not).
 */
@Controller
@RequestMapping("/apps/{appId}/desk-settings")
class DeskSettingsScreens {

	private static final Logger logger = LoggerFactory.getLogger(DeskSettingsScreens.class);

	private final Apps apps;

	private final QuickReplies quickReplies;

	private final Holds holds;

	private final Assets assets;

	private final AgentPresence presence;

	DeskSettingsScreens(Apps apps, QuickReplies quickReplies, Holds holds, Assets assets, AgentPresence presence) {
		this.apps = apps;
		this.quickReplies = quickReplies;
		this.holds = holds;
		this.assets = assets;
		this.presence = presence;
	}

	@GetMapping
	String page(@PathVariable String appId, Model model) {
		return page(appId, model, null, null, null, null);
	}

	/**
	 * Sets the desk hours ({@code limited}: on {@code days} from {@code from} until
	 * {@code until}, in the app's time zone) or removes them; a refused form is drawn
	 * again, 422, with the reason and what was typed.
	 */
	@PostMapping("/hours")
	String hours(@PathVariable String appId, @RequestParam(defaultValue = "false") boolean limited,
			@RequestParam(required = false) List<String> days, @RequestParam(required = false) String from,
			@RequestParam(required = false) String until, Principal principal, Model model,
			HttpServletResponse response) {
		app(appId);
		HoursForm form = new HoursForm(limited, (days != null) ? days : List.of(), from, until);
		if (!limited) {
			this.presence.hours(appId, null, principal.getName());
			logger.info("Desk hours of app {} removed by {}", appId, principal.getName());
			return "redirect:/apps/" + appId + "/desk-settings";
		}
		Set<DayOfWeek> chosen = EnumSet.noneOf(DayOfWeek.class);
		for (String day : form.days()) {
			try {
				chosen.add(DayOfWeek.valueOf(day));
			}
			catch (IllegalArgumentException ex) {
				// not a day this form offers: refused below with the others
			}
		}
		String problem = null;
		LocalTime opens = time(from);
		LocalTime closes = time(until);
		if (chosen.isEmpty() || chosen.size() != form.days().size()) {
			problem = "desk.hours.error.days";
		}
		else if (opens == null || closes == null) {
			problem = "desk.hours.error.times";
		}
		if (problem != null) {
			response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
			model.addAttribute("hoursForm", form);
			model.addAttribute("hoursProblem", problem);
			return page(appId, model, null, null, null, null);
		}
		this.presence.hours(appId, new BusinessHours(chosen, opens, closes), principal.getName());
		logger.info("Desk hours of app {} set to {} {}-{} by {}", appId, chosen, opens, closes, principal.getName());
		return "redirect:/apps/" + appId + "/desk-settings";
	}

	private static LocalTime time(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalTime.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Adds a quick reply; a refused one redraws the form, 422, with the reason at the
	 * field.
	 */
	@PostMapping("/quick-replies")
	String add(@PathVariable String appId, @RequestParam(required = false) String shortcut, ReplyForm form,
			Principal principal, Model model, HttpServletResponse response) {
		app(appId);
		String name = shortcut(shortcut);
		if (!QuickReplies.SHORTCUT.matcher(name).matches()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
			return page(appId, model, form, shortcut, "desk.quick.error.shortcut", null);
		}
		ReplyForm.Checked checked = form.check(appId, this.assets);
		if (checked.problem() != null) {
			response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
			return page(appId, model, form, shortcut, null, checked.problem());
		}
		Optional<QuickReplies.Refusal> refusal = this.quickReplies.add(appId, name, checked.reply(),
				principal.getName());
		if (refusal.isPresent()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
			return switch (refusal.get()) {
				case SHORTCUT_TAKEN -> page(appId, model, form, shortcut, "desk.quick.error.taken", null);
				case FULL -> page(appId, model, form, shortcut, null, "desk.quick.error.full");
				case NOT_FOUND -> throw new IllegalStateException("adding finds no quick reply missing");
			};
		}
		return "redirect:/apps/" + appId + "/desk-settings";
	}

	/** The form that changes a quick reply, filled with what it is now. */
	@GetMapping("/quick-replies/{id}")
	String edit(@PathVariable String appId, @PathVariable String id, Model model) {
		app(appId);
		QuickReplies.QuickReply quick = this.quickReplies.find(appId, id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return edit(appId, id, model, ReplyForm.of(quick.reply()), quick.shortcut(), null, null);
	}

	/**
	 * Changes a quick reply's shortcut and reply; a refused change redraws the form, 422,
	 * with the reason at the field and what was typed; 404 when it was deleted meanwhile.
	 */
	@PostMapping("/quick-replies/{id}")
	String update(@PathVariable String appId, @PathVariable String id, @RequestParam(required = false) String shortcut,
			ReplyForm form, Principal principal, Model model, HttpServletResponse response) {
		app(appId);
		String name = shortcut(shortcut);
		String shortcutProblem = QuickReplies.SHORTCUT.matcher(name).matches() ? null : "desk.quick.error.shortcut";
		ReplyForm.Checked checked = form.check(appId, this.assets);
		if (shortcutProblem == null && checked.problem() == null) {
			Optional<QuickReplies.Refusal> refusal = this.quickReplies.update(appId, id, name, checked.reply(),
					principal.getName());
			if (refusal.isEmpty()) {
				return "redirect:/apps/" + appId + "/desk-settings";
			}
			switch (refusal.get()) {
				case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
				case SHORTCUT_TAKEN -> shortcutProblem = "desk.quick.error.taken";
				case FULL -> throw new IllegalStateException("changing a quick reply adds none");
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		return edit(appId, id, model, form, shortcut, shortcutProblem, checked.problem());
	}

	@PostMapping("/quick-replies/{id}/delete")
	String delete(@PathVariable String appId, @PathVariable String id, Principal principal) {
		app(appId);
		if (!this.quickReplies.delete(appId, id, principal.getName())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:/apps/" + appId + "/desk-settings";
	}

	@PostMapping("/welcome")
	String welcome(@PathVariable String appId, @RequestParam(defaultValue = "false") boolean answers,
			Principal principal) {
		app(appId);
		this.holds.welcomeWhenHeld(appId, answers);
		logger.info("Welcome replies {} held users of app {}, set by {}", answers ? "answer" : "do not answer", appId,
				principal.getName());
		return "redirect:/apps/" + appId + "/desk-settings";
	}

	private String page(String appId, Model model, ReplyForm form, String shortcut, String shortcutProblem,
			String replyProblem) {
		app(appId);
		model.addAttribute("appId", appId);
		model.addAttribute("quickReplies",
				this.quickReplies.list(appId)
					.stream()
					.map((quick) -> new QuickRow(quick.id(), quick.shortcut(), DeskScreens.Part.of(quick.reply())))
					.toList());
		model.addAttribute("images", this.assets.list(appId));
		model.addAttribute("welcomeWhenHeld", this.holds.welcomesWhenHeld(appId));
		if (!model.containsAttribute("hoursForm")) {
			model.addAttribute("hoursForm",
					this.presence.hours(appId)
						.map((hours) -> new HoursForm(true, hours.days().stream().map(DayOfWeek::name).toList(),
								hours.from().toString(), hours.until().toString()))
						.orElse(new HoursForm(false, List.of(), "09:00", "18:00")));
		}
		model.addAttribute("zone", this.apps.find(appId).orElseThrow().timeZone());
		model.addAttribute("form",
				(form != null) ? form : new ReplyForm("text", null, null, null, null, null, null, null, null));
		model.addAttribute("formType",
				(form != null && form.type() != null) ? form.type().toLowerCase(Locale.ROOT) : "text");
		model.addAttribute("shortcut", shortcut);
		model.addAttribute("shortcutProblem", shortcutProblem);
		model.addAttribute("replyProblem", replyProblem);
		model.addAttribute("max", QuickReplies.MAX);
		return "desk/settings";
	}

	/** The desk hours' form: as stored, or as typed when refused. */
	record HoursForm(boolean limited, List<String> days, String from, String until) {
	}

	private String edit(String appId, String id, Model model, ReplyForm form, String shortcut, String shortcutProblem,
			String replyProblem) {
		model.addAttribute("appId", appId);
		model.addAttribute("id", id);
		model.addAttribute("images", this.assets.list(appId));
		model.addAttribute("form", form);
		model.addAttribute("formType", (form.type() != null) ? form.type().toLowerCase(Locale.ROOT) : "text");
		model.addAttribute("shortcut", shortcut);
		model.addAttribute("shortcutProblem", shortcutProblem);
		model.addAttribute("replyProblem", replyProblem);
		return "desk/quick-reply";
	}

	/** What was typed as a shortcut, without spaces around it or a leading {@code /}. */
	private static String shortcut(String typed) {
		String name = (typed != null) ? typed.strip() : "";
		return name.startsWith("/") ? name.substring(1) : name;
	}

	/** A quick reply in the library's table. */
	record QuickRow(String id, String shortcut, DeskScreens.Part part) {
	}

	private void app(String appId) {
		if (this.apps.find(appId).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

}
