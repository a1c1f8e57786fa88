package dev.kefu.outbox.web;

import java.util.List;

import dev.kefu.outbox.Deliveries;
import dev.kefu.outbox.Delivery;
import dev.kefu.outbox.DeliveryStatus;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/apps/{appId}/deliveries?status=&openId=&limit=} lists an app's
 * deliveries, newest first; {@code POST /api/apps/{appId}/deliveries/{id}/retry} sends a
 * FAILED one again.
 */
@RestController
@RequestMapping("/api/apps/{appId}/deliveries")
class DeliveryController {

	private final Deliveries deliveries;

	DeliveryController(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	@GetMapping
	List<Delivery> list(@PathVariable String appId, @RequestParam(required = false) DeliveryStatus status,
			@RequestParam(required = false) String openId, @RequestParam(defaultValue = "100") int limit) {
		return this.deliveries.list(appId, status, openId, limit);
	}

	@GetMapping("/{id}")
	ResponseEntity<?> find(@PathVariable String appId, @PathVariable String id) {
		return this.deliveries.find(appId, id)
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No delivery " + id + " for app " + appId));
	}

	@PostMapping("/{id}/retry")
	ResponseEntity<?> retry(@PathVariable String appId, @PathVariable String id) {
		return switch (this.deliveries.retry(appId, id)) {
			case RETRIED -> ResponseEntity.accepted().body(this.deliveries.find(appId, id).orElseThrow());
			case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "No delivery " + id + " for app " + appId);
			case NOT_FAILED -> problem(HttpStatus.CONFLICT, "Only a FAILED delivery can be retried");
			case WINDOW_CLOSED ->
				problem(HttpStatus.CONFLICT, "The user's sending window has closed; WeChat would refuse the message");
			case NOTHING_PLANNED -> problem(HttpStatus.CONFLICT,
					"No reply was planned for this message, so there is nothing to send again");
		};
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
