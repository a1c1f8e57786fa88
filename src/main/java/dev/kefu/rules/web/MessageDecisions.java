package dev.kefu.rules.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rules' part of the conversation and unmatched screens, from their own decisions
 * ({@code rules_decision}): which rule answered each message of a user, and which
 * messages no keyword rule matched.
 */
@Controller
class MessageDecisions {

	static final int UNMATCHED_LIMIT = 2000;

	private final Apps apps;

	private final JdbcClient jdbc;

	private final java.time.Clock clock;

	MessageDecisions(Apps apps, JdbcClient jdbc, java.time.Clock clock) {
		this.apps = apps;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param messageId the message
	 * @param outcome {@code KEYWORD}, {@code DEFAULT}, {@code WELCOME}, {@code COOLDOWN},
	 * {@code NO_RULE} or {@code HANDED_OVER}
	 * @param ruleId the rule, or {@code null}
	 * @param ruleName its name now, or {@code null}
	 */
	record Decided(String messageId, String outcome, String ruleId, String ruleName) {
	}

	/** htmx: out-of-band swaps filling each message's "answered by" slot. */
	@GetMapping("/apps/{appId}/conversations/{openId}/decisions")
	String decisions(@PathVariable String appId, @PathVariable String openId, Model model) {
		app(appId);
		model.addAttribute("appId", appId);
		model.addAttribute("decisions",
				this.jdbc
					.sql("SELECT d.message_id, d.outcome, d.rule_id, r.name FROM rules_decision d "
							+ "LEFT JOIN rules_rule r ON r.id = d.rule_id WHERE d.app_id = ? AND d.open_id = ? "
							+ "ORDER BY d.decided_at DESC LIMIT 500")
					.params(appId, openId)
					.query((rs, i) -> new Decided(rs.getString("message_id"), rs.getString("outcome"),
							rs.getString("rule_id"), rs.getString("name")))
					.list());
		return "rules/decisions :: slots";
	}

	/**
	 * The unmatched inbox: the messages of the last days no keyword or welcome rule
	 * answered.
	 */
	@GetMapping("/apps/{appId}/unmatched")
	String unmatched(@PathVariable String appId, @RequestParam(defaultValue = "7") int days, Model model) {
		ZoneId zone = app(appId).timeZone();
		int period = Math.max(1, Math.min(days, 90));
		long since = LocalDate.ofInstant(this.clock.instant(), zone)
			.minusDays(period - 1)
			.atStartOfDay(zone)
			.toInstant()
			.toEpochMilli();
		List<String> ids = this.jdbc.sql("SELECT message_id FROM rules_decision WHERE app_id = ? AND decided_at >= ? "
				+ "AND outcome IN ('DEFAULT', 'COOLDOWN', 'NO_RULE') ORDER BY decided_at DESC LIMIT " + UNMATCHED_LIMIT)
			.params(appId, since)
			.query(String.class)
			.list();
		model.addAttribute("appId", appId);
		model.addAttribute("days", period);
		model.addAttribute("ids", ids);
		return "rules/unmatched";
	}

	private App app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
