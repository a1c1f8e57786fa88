package dev.kefu.desk.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.kefu.apps.Apps;
import dev.kefu.desk.DeskFigures;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The desk's panel on the dashboard, {@code /apps/{appId}/panels/desk}: the app's and
 * each agent's figures ({@link DeskFigures}) for the last day, 7 days or 30 days.
 */
@Controller
class DeskPanels {

	static final List<Integer> PERIODS = List.of(1, 7, 30);

	private final Apps apps;

	private final DeskFigures figures;

	private final Clock clock;

	DeskPanels(Apps apps, DeskFigures figures, Clock clock) {
		this.apps = apps;
		this.figures = figures;
		this.clock = clock;
	}

	/** A set of figures as the panel shows it. */
	record Shown(String name, int handed, String median, String p90, int replies) {

		static Shown of(String name, DeskFigures.Figures figures) {
			return new Shown(name, figures.handed(), duration(figures.medianFirstReply()),
					duration(figures.p90FirstReply()), figures.replies());
		}

	}

	@GetMapping("/apps/{appId}/panels/desk")
	String panel(@PathVariable String appId, @RequestParam(defaultValue = "7") int days, Model model) {
		if (this.apps.find(appId).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (!PERIODS.contains(days)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "days must be one of " + PERIODS);
		}
		Instant now = this.clock.instant();
		DeskFigures.Report report = this.figures.report(appId, now.minus(Duration.ofDays(days)), now.plusMillis(1));
		model.addAttribute("appId", appId);
		model.addAttribute("days", days);
		model.addAttribute("periods", PERIODS);
		model.addAttribute("app", Shown.of(null, report.app()));
		model.addAttribute("waiting", report.waiting());
		model.addAttribute("agents",
				report.agents().entrySet().stream().map((e) -> Shown.of(e.getKey(), e.getValue())).toList());
		return "desk/panels :: figures";
	}

	/** {@code m:ss}, or {@code h:mm:ss} from an hour on; {@code –} for none. */
	static String duration(Duration duration) {
		if (duration == null) {
			return "–";
		}
		long seconds = duration.toSeconds();
		return (seconds < 3600) ? String.format("%d:%02d", seconds / 60, seconds % 60)
				: String.format("%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
	}

}
