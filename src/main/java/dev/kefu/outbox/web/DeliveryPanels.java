package dev.kefu.outbox.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.outbox.DeliveryStatus;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The outbox's panels of the console dashboard: delivery success over the last seven
 * days, what is pending now, and the spread of statuses. Read-only counts on the outbox's
 * own table.
 */
@Controller
class DeliveryPanels {

	private final Apps apps;

	private final JdbcClient jdbc;

	private final java.time.Clock clock;

	DeliveryPanels(Apps apps, JdbcClient jdbc, java.time.Clock clock) {
		this.apps = apps;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@GetMapping("/apps/{appId}/panels/delivery-stats")
	String stats(@PathVariable String appId, Model model) {
		Map<DeliveryStatus, Long> counts = counts(appId, since(app(appId).timeZone()));
		long settled = counts.get(DeliveryStatus.SENT) + counts.get(DeliveryStatus.FAILED)
				+ counts.get(DeliveryStatus.EXPIRED) + counts.get(DeliveryStatus.SKIPPED_QUOTA);
		model.addAttribute("rate",
				(settled > 0) ? Math.round(100.0 * counts.get(DeliveryStatus.SENT) / settled) : null);
		model.addAttribute("sent", counts.get(DeliveryStatus.SENT));
		model.addAttribute("pending", counts.get(DeliveryStatus.PENDING) + counts.get(DeliveryStatus.RETRYING));
		model.addAttribute("failed", counts.get(DeliveryStatus.FAILED));
		model.addAttribute("appId", appId);
		return "outbox/panels :: stats";
	}

	@GetMapping("/apps/{appId}/panels/deliveries")
	String statuses(@PathVariable String appId, Model model) {
		Map<DeliveryStatus, Long> counts = counts(appId, since(app(appId).timeZone()));
		long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
		model.addAttribute("counts", counts);
		model.addAttribute("max", Math.max(1, max));
		model.addAttribute("total", counts.values().stream().mapToLong(Long::longValue).sum());
		model.addAttribute("appId", appId);
		return "outbox/panels :: statuses";
	}

	private Map<DeliveryStatus, Long> counts(String appId, Instant since) {
		Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
		for (DeliveryStatus status : DeliveryStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql(
				"SELECT status, COUNT(*) AS n FROM outbox_delivery WHERE app_id = ? AND created_at >= ? GROUP BY status")
			.params(appId, since.toEpochMilli())
			.query((rs, i) -> counts.put(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
		return counts;
	}

	private Instant since(ZoneId zone) {
		return LocalDate.ofInstant(this.clock.instant(), zone).minusDays(6).atStartOfDay(zone).toInstant();
	}

	private App app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
