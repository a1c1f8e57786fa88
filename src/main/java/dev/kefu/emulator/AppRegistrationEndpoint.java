package dev.kefu.emulator;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import dev.kefu.wechat.push.PushFormat;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registers "WeChat-side" apps with the emulator: {@code POST /emulator/apps} (JSON)
 * creates or replaces one (201 when new, 200 when replaced), {@code GET} lists them
 * without secrets, {@code DELETE /emulator/apps/{appId}} forgets an app with its tokens,
 * media and chats. Changing the registry needs ADMIN (the security configuration says
 * so); a real app's id or a callback URL other than this server's own
 * {@code /wechat/{appId}} is refused with 400.
 */
@RestController
@RequestMapping("/emulator/apps")
class AppRegistrationEndpoint {

	/** An app as listed: never the secret, the Token or the AES key. */
	record AppView(String appId, String name, String originalId, URI callbackUrl, PushMode mode, PushFormat format) {

		static AppView of(EmulatedApp app) {
			return new AppView(app.appId(), app.name(), app.originalId(), app.callbackUrl(), app.mode(), app.format());
		}

	}

	private final EmulatedApps apps;

	private final PushTargets targets;

	private final SandboxMirror mirror;

	AppRegistrationEndpoint(EmulatedApps apps, PushTargets targets, SandboxMirror mirror) {
		this.apps = apps;
		this.targets = targets;
		this.mirror = mirror;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AppView> register(@Valid @RequestBody AppRegistration registration, HttpServletRequest request) {
		EmulatedApp app = registration
			.toApp(this.targets.accept(registration.appId(), registration.callbackUrl(), request));
		boolean created = this.apps.register(app);
		return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(AppView.of(app));
	}

	@GetMapping
	List<AppView> list() {
		return this.apps.all().stream().map(AppView::of).toList();
	}

	@DeleteMapping("/{appId}")
	ResponseEntity<Void> remove(@PathVariable String appId) {
		if (this.apps.find(appId).isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		this.mirror.forget(appId);
		return ResponseEntity.noContent().build();
	}

}
