package dev.kefu.links.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.links.LinkFunnel;
import dev.kefu.links.LinkFunnel.Figures;
import dev.kefu.links.LinkFunnel.Report;
import dev.kefu.links.Platform;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The download funnel in the console: the app's funnel page for a period (7 days up to
 * today unless chosen), its CSV export, the dashboard's panel and the panel on a rule's
 * page (both the last 7 days). A period that cannot be read is reported at its field (the
 * page then shows the last 7 days) or, for the export, answered 400 with the reason.
 */
@Controller
class FunnelScreens {

	static final int DEFAULT_DAYS = 7;

	private final Apps apps;

	private final LinkFunnel funnel;

	private final MessageSource messages;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	FunnelScreens(Apps apps, LinkFunnel funnel, MessageSource messages, Clock clock) {
		this.apps = apps;
		this.funnel = funnel;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/apps/{appId}/links")
	String page(@PathVariable String appId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model) {
		ZoneId zone = app(appId).timeZone();
		Period period = Period.read(from, to, LocalDate.now(this.clock.withZone(zone)));
		Report report = this.funnel.report(appId, null, period.from(), period.to());
		model.addAttribute("appId", appId);
		model.addAttribute("period", period);
		model.addAttribute("report", report);
		model.addAttribute("platforms", Platform.values());
		model.addAttribute("chart", chart(report.days()));
		return "links/funnel";
	}

	@GetMapping("/apps/{appId}/links/export.csv")
	ResponseEntity<byte[]> export(@PathVariable String appId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		ZoneId zone = app(appId).timeZone();
		Period period = Period.read(from, to, LocalDate.now(this.clock.withZone(zone)));
		if (period.error() != null) {
			return ResponseEntity.badRequest()
				.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
				.body((period.field() + ": " + period.error() + "\n").getBytes(StandardCharsets.UTF_8));
		}
		Report report = this.funnel.report(appId, null, period.from(), period.to());
		String name = "kefu-links-" + appId + "-" + period.from() + "-" + period.to() + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(FunnelCsv.of(report).getBytes(StandardCharsets.UTF_8));
	}

	@GetMapping("/apps/{appId}/panels/links")
	String dashboardPanel(@PathVariable String appId, Model model) {
		ZoneId zone = app(appId).timeZone();
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		Report report = this.funnel.report(appId, null, today.minusDays(DEFAULT_DAYS - 1), today);
		model.addAttribute("appId", appId);
		model.addAttribute("figures", report.total());
		model.addAttribute("shown", !report.rules().isEmpty());
		model.addAttribute("ruleId", null);
		return "links/panels :: funnel";
	}

	@GetMapping("/apps/{appId}/panels/links/rules/{ruleId}")
	String rulePanel(@PathVariable String appId, @PathVariable String ruleId, Model model) {
		ZoneId zone = app(appId).timeZone();
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		Report report = this.funnel.report(appId, ruleId, today.minusDays(DEFAULT_DAYS - 1), today);
		model.addAttribute("appId", appId);
		model.addAttribute("figures", report.total());
		// a rule that tracks no link, and never did in the period, shows nothing
		model.addAttribute("shown", !report.rules().isEmpty());
		model.addAttribute("ruleId", ruleId);
		return "links/panels :: funnel";
	}

	private String chart(Map<LocalDate, Figures> days) {
		DateTimeFormatter label = DateTimeFormatter.ofPattern("MM-dd");
		List<String> labels = new ArrayList<>();
		List<Long> sent = new ArrayList<>();
		List<Long> users = new ArrayList<>();
		List<Long> taps = new ArrayList<>();
		days.forEach((day, figures) -> {
			labels.add(label.format(day));
			sent.add(figures.sent());
			users.add(figures.users());
			taps.add(figures.taps());
		});
		return this.json.writeValueAsString(
				Map.of("bars", true, "labels", labels, "series", List.of(series(text("links.sent"), "#3370ff", sent),
						series(text("links.users"), "#07c160", users), series(text("links.taps"), "#ff7d00", taps))));
	}

	private static Map<String, Object> series(String name, String color, List<Long> values) {
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("name", name);
		series.put("color", color);
		series.put("values", values);
		return series;
	}

	private App app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String text(String code) {
		return this.messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

	/**
	 * The period asked for: {@code from} and {@code to} as {@code yyyy-MM-dd}, both
	 * included; either missing means the last {@value #DEFAULT_DAYS} days up to today.
	 *
	 * @param field the parameter that could not be used, or {@code null}
	 * @param error why, or {@code null}
	 */
	record Period(LocalDate from, LocalDate to, String field, String error) {

		static Period read(String from, String to, LocalDate today) {
			Period last = new Period(today.minusDays(DEFAULT_DAYS - 1), today, null, null);
			if (blank(from) && blank(to)) {
				return last;
			}
			LocalDate start;
			LocalDate end;
			try {
				start = blank(from) ? null : LocalDate.parse(from.strip());
			}
			catch (DateTimeParseException ex) {
				return last.wrong("from", "must be a date such as " + today);
			}
			try {
				end = blank(to) ? today : LocalDate.parse(to.strip());
			}
			catch (DateTimeParseException ex) {
				return last.wrong("to", "must be a date such as " + today);
			}
			if (start == null) {
				start = end.minusDays(DEFAULT_DAYS - 1);
			}
			if (end.isBefore(start)) {
				return last.wrong("to", "must not be before from");
			}
			if (start.plusDays(LinkFunnel.MAX_DAYS).isBefore(end.plusDays(1))) {
				return last.wrong("from", "the period may be " + LinkFunnel.MAX_DAYS + " days at most");
			}
			return new Period(start, end, null, null);
		}

		private Period wrong(String field, String error) {
			return new Period(this.from, this.to, field, error);
		}

		/** The number of days, for the page's heading. */
		public long days() {
			return this.to.toEpochDay() - this.from.toEpochDay() + 1;
		}

		/** The key of the error's message, for the page. */
		public String errorKey() {
			if (this.error == null) {
				return null;
			}
			return this.error.startsWith("must be a date") ? "links.period.badDate"
					: this.error.startsWith("must not be before") ? "links.period.backwards" : "links.period.tooLong";
		}

		private static boolean blank(String value) {
			return value == null || value.isBlank();
		}

	}

}
