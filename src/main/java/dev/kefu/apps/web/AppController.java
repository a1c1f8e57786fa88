package dev.kefu.apps.web;

import java.net.URI;
import java.util.List;

import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.apps.AppRejectedException;
import dev.kefu.apps.AppSummary;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/apps}: register, list, read, change and remove apps. Bodies are
 * {@link AppDraft}s; answers are {@link AppSummary}s, which carry no credentials.
 */
@RestController
@RequestMapping("/api/apps")
class AppController {

	private final AppRegistry registry;

	AppController(AppRegistry registry) {
		this.registry = registry;
	}

	@GetMapping
	List<AppSummary> list() {
		return this.registry.list();
	}

	@PostMapping
	ResponseEntity<AppSummary> register(@RequestBody AppDraft draft) {
		AppSummary app = this.registry.register(draft);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{appId}")
			.buildAndExpand(app.appId())
			.toUri();
		return ResponseEntity.created(location).body(app);
	}

	@GetMapping("/{appId}")
	AppSummary find(@PathVariable String appId) {
		return this.registry.find(appId).orElseThrow(() -> AppProblems.unknownApp(appId));
	}

	@PutMapping("/{appId}")
	AppSummary update(@PathVariable String appId, @RequestBody AppDraft draft) {
		return this.registry.update(appId, draft);
	}

	@DeleteMapping("/{appId}")
	ResponseEntity<Void> remove(@PathVariable String appId) {
		this.registry.remove(appId);
		return ResponseEntity.noContent().build();
	}

}
