package dev.kefu.rules.web;

import java.util.List;

import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDecision;
import dev.kefu.rules.RuleDecisions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/apps/{appId}/decisions}: which rule answered each recent message, or why
 * none did.
 */
@RestController
@RequestMapping("/api/apps/{appId}/decisions")
@Tag(name = "Rules")
class DecisionController {

	private final RuleBook book;

	private final RuleDecisions decisions;

	DecisionController(RuleBook book, RuleDecisions decisions) {
		this.book = book;
		this.decisions = decisions;
	}

	@GetMapping
	@Operation(summary = "The latest decisions, newest first; unmatched=true for those no keyword or "
			+ "welcome rule answered")
	List<RuleDecision> recent(@PathVariable String appId, @RequestParam(defaultValue = "false") boolean unmatched,
			@RequestParam(defaultValue = "50") int limit) {
		this.book.requireApp(appId);
		return this.decisions.recent(appId, unmatched, Math.max(1, Math.min(limit, 500)));
	}

}
