package dev.kefu.outbox.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.outbox.Deliveries;
import dev.kefu.outbox.Delivery;
import dev.kefu.outbox.DeliveryStatus;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's deliveries screen, {@code /apps/{appId}/deliveries}: every reply part by
 * status, dead letters with WeChat's error, and a retry for them.
 */
@Controller
@RequestMapping("/apps/{appId}/deliveries")
class DeliveryScreens {

	static final int PAGE = 200;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

	private static final Map<String, String> BADGES = Map.of("PENDING", "blue", "SENT", "green", "RETRYING", "amber",
			"FAILED", "red", "EXPIRED", "", "SKIPPED_QUOTA", "amber");

	private final Apps apps;

	private final Deliveries deliveries;

	DeliveryScreens(Apps apps, Deliveries deliveries) {
		this.apps = apps;
		this.deliveries = deliveries;
	}

	@GetMapping
	String list(@PathVariable String appId, @RequestParam(required = false) DeliveryStatus status,
			@RequestParam(required = false) String user, Model model) {
		ZoneId zone = app(appId).timeZone();
		String openId = (user == null || user.isBlank()) ? null : user;
		List<Delivery> found = this.deliveries.list(appId, status, openId, PAGE);
		Map<String, String> times = new HashMap<>();
		found.forEach((d) -> times.put(d.id(), TIME.format(d.createdAt().atZone(zone))));
		model.addAttribute("appId", appId);
		model.addAttribute("status", status);
		model.addAttribute("user", openId);
		model.addAttribute("statuses", DeliveryStatus.values());
		model.addAttribute("deliveries", found);
		model.addAttribute("times", times);
		model.addAttribute("badges", BADGES);
		return "outbox/deliveries";
	}

	@PostMapping("/{id}/retry")
	String retry(@PathVariable String appId, @PathVariable String id, @RequestParam(required = false) String status,
			RedirectAttributes redirect) {
		app(appId);
		Deliveries.RetryOutcome outcome = this.deliveries.retry(appId, id);
		redirect.addFlashAttribute("notice", "deliveries.retry." + outcome.name());
		redirect.addFlashAttribute("noticeOk", outcome == Deliveries.RetryOutcome.RETRIED);
		return "redirect:/apps/" + appId + "/deliveries"
				+ ((status != null && !status.isEmpty()) ? "?status=" + status : "");
	}

	private App app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
