package dev.kefu.rules.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rules' panels of the console dashboard, loaded by htmx: messages and hits per day
 * with a chart, and the rules that answered most.
 */
@Controller
class RulePanels {

	static final int DAYS = 14;

	private final Apps apps;

	private final RuleFigures figures;

	private final MessageSource messages;

	private final JsonMapper json = JsonMapper.builder().build();

	RulePanels(Apps apps, RuleFigures figures, MessageSource messages) {
		this.apps = apps;
		this.figures = figures;
		this.messages = messages;
	}

	@GetMapping("/apps/{appId}/panels/messages")
	String messages(@PathVariable String appId, Model model) {
		ZoneId zone = app(appId).timeZone();
		List<RuleFigures.Day> days = this.figures.perDay(appId, zone, DAYS);
		List<RuleFigures.Day> week = days.subList(DAYS - 7, DAYS);
		long weekMessages = week.stream().mapToLong(RuleFigures.Day::messages).sum();
		long weekHits = week.stream().mapToLong(RuleFigures.Day::hits).sum();
		model.addAttribute("appId", appId);
		model.addAttribute("today", days.get(DAYS - 1));
		model.addAttribute("weekMessages", weekMessages);
		model.addAttribute("hitRate", (weekMessages > 0) ? Math.round(100.0 * weekHits / weekMessages) : null);
		model.addAttribute("chart",
				this.json.writeValueAsString(
						Map.of("bars", true, "labels", days.stream().map(RuleFigures.Day::label).toList(), "series",
								List.of(Map.of("name", text("dashboard.series.messages"), "color", "#3370ff", "values",
										days.stream().map(RuleFigures.Day::messages).toList()),
										Map.of("name", text("dashboard.series.matched"), "color", "#07c160", "values",
												days.stream().map(RuleFigures.Day::hits).toList())))));
		return "rules/panels :: messages";
	}

	@GetMapping("/apps/{appId}/panels/rules")
	String topRules(@PathVariable String appId, Model model) {
		ZoneId zone = app(appId).timeZone();
		List<RuleFigures.RuleHits> top = this.figures.topRules(appId, this.figures.startOfWeek(zone), 6);
		model.addAttribute("top", top);
		model.addAttribute("max", top.stream().mapToLong(RuleFigures.RuleHits::hits).max().orElse(1));
		model.addAttribute("appId", appId);
		return "rules/panels :: top";
	}

	private App app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String text(String code) {
		return this.messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

}
