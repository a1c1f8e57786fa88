package dev.kefu.emulator;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.kefu.wechat.push.PushFormat;

/**
 * The pushing side as JSON, for scripts and tests (the chat page does the same by hand):
 * <ul>
 * <li>{@code POST /emulator/push}
 * {@code {"appId":…,"user":"alice","type":"text","content":"1"}} ({@code type}
 * {@code text}, {@code image} with optional {@code imageBase64}, {@code miniprogrampage}
 * with the card's title as {@code content}, or {@code enter} with optional
 * {@code sessionFrom}): the user acts, the push goes out, the answer is the push's
 * outcome;</li>
 * <li>{@code PUT /emulator/apps/{appId}/push-config}
 * {@code {"mode":"SAFE","format":"JSON"}}: change the message push configuration (ADMIN;
 * the URL is always this server's own);</li>
 * <li>{@code POST /emulator/apps/{appId}/verify}: WeChat's URL verification of the
 * callback;</li>
 * <li>{@code GET /emulator/apps/{appId}/chats/{user}}: what the user's chat window
 * shows;</li>
 * <li>{@code GET /emulator/pushes?appId=…}: the latest pushes and their outcomes;</li>
 * <li>{@code GET /emulator/csrf}: the CSRF header name and token a script sends with its
 * {@code POST}, {@code PUT} and {@code DELETE} requests in the same session.</li>
 * </ul>
 * All of it needs a console sign-in, like the chat page.
 */
@RestController
class UserActionsEndpoint {

	record PushRequest(@NotBlank String appId, @NotBlank @Size(max = 64) String user, @NotBlank String type,
			@Size(max = 4096) String content, @Size(max = 256) String sessionFrom, String imageBase64) {
	}

	record PushConfig(@Size(max = 2048) String callbackUrl, PushMode mode, PushFormat format) {
	}

	private final EmulatedApps apps;

	private final UserActions users;

	private final Conversations conversations;

	private final PushLog pushes;

	private final UrlVerifier verifier;

	private final PushTargets targets;

	UserActionsEndpoint(EmulatedApps apps, UserActions users, Conversations conversations, PushLog pushes,
			UrlVerifier verifier, PushTargets targets) {
		this.targets = targets;
		this.apps = apps;
		this.users = users;
		this.conversations = conversations;
		this.pushes = pushes;
		this.verifier = verifier;
	}

	@PostMapping("/emulator/push")
	CompletableFuture<PushOutcome> push(@Valid @RequestBody PushRequest request) {
		EmulatedApp app = app(request.appId());
		return switch (request.type()) {
			case "text" -> {
				if (request.content() == null || request.content().isEmpty()) {
					throw new IllegalArgumentException("content is required for a text");
				}
				yield this.users.say(app, request.user(), request.content());
			}
			case "image" -> this.users.sendImage(
					app, request.user(), "image.png", (request.imageBase64() != null)
							? Base64.getDecoder().decode(request.imageBase64()) : SampleImage.PNG,
					ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
			case "miniprogrampage" ->
				this.users.shareCard(app, request.user(), (request.content() != null) ? request.content() : "小程序页面",
						"pages/index/index", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
			case "enter" -> this.users.enter(app, request.user(), request.sessionFrom());
			default -> throw new IllegalArgumentException("type must be text, image, miniprogrampage or enter");
		};
	}

	@PutMapping("/emulator/apps/{appId}/push-config")
	AppRegistrationEndpoint.AppView configure(@PathVariable String appId, @Valid @RequestBody PushConfig config,
			HttpServletRequest request) {
		EmulatedApp app = app(appId);
		EmulatedApp changed = app.withPush(this.targets.accept(appId, config.callbackUrl(), request),
				(config.mode() != null) ? config.mode() : app.mode(),
				(config.format() != null) ? config.format() : app.format());
		this.apps.register(changed);
		return AppRegistrationEndpoint.AppView.of(changed);
	}

	@PostMapping("/emulator/apps/{appId}/verify")
	CompletableFuture<UrlVerifier.Verification> verify(@PathVariable String appId) {
		EmulatedApp app = app(appId);
		return this.verifier.verify(app.callbackUrl(), app.token());
	}

	@GetMapping("/emulator/apps/{appId}/chats/{user}")
	ResponseEntity<List<Map<String, Object>>> chat(@PathVariable String appId, @PathVariable String user) {
		String openId = Conversations.openId(appId, user);
		return this.conversations.find(appId, openId)
			.map((conversation) -> ResponseEntity
				.ok(conversation.entries().stream().map(UserActionsEndpoint::view).toList()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@GetMapping("/emulator/csrf")
	Map<String, String> csrf(CsrfToken token) {
		return Map.of("headerName", token.getHeaderName(), "token", token.getToken());
	}

	@GetMapping("/emulator/pushes")
	List<PushOutcome> pushes(@RequestParam(required = false) String appId) {
		return this.pushes.recent(appId, 100);
	}

	private EmulatedApp app(String appId) {
		return this.apps.find(appId)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
					"no app " + appId + " is registered with the emulator"));
	}

	private static Map<String, Object> view(ChatEntry entry) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("kind", entry.kind());
		view.put("entry", entry);
		return view;
	}

}
