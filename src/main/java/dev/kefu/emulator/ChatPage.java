package dev.kefu.emulator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import dev.kefu.wechat.push.PushFormat;

/**
 * The emulator page ({@code /emulator}): a mini program customer-service window for one
 * app and one user, and the app's message push configuration with "verify URL" (the fault
 * controls and logs beside them are {@link ControlPanel}'s). Server-rendered with htmx:
 * every action answers the fragment it changes, and the chat polls for replies that
 * arrive through the API.
 */
@Controller
class ChatPage {

	static final String DEFAULT_USER = "访客1";

	static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final EmulatedApps apps;

	private final Conversations conversations;

	private final UserActions users;

	private final UrlVerifier verifier;

	private final TemporaryMedia media;

	private final ControlPanel controls;

	private final EmulatorTime time;

	private final Validator validator;

	private final PushTargets targets;

	ChatPage(EmulatedApps apps, Conversations conversations, UserActions users, UrlVerifier verifier,
			TemporaryMedia media, ControlPanel controls, EmulatorTime time, Validator validator, PushTargets targets) {
		this.targets = targets;
		this.apps = apps;
		this.conversations = conversations;
		this.users = users;
		this.verifier = verifier;
		this.media = media;
		this.controls = controls;
		this.time = time;
		this.validator = validator;
	}

	@GetMapping("/emulator")
	String page(@RequestParam(required = false) String app, @RequestParam(required = false) String user, Model model,
			HttpServletRequest request) {
		model.addAttribute("htmxHeaders", htmxHeaders(request));
		Optional<EmulatedApp> selected = (app != null) ? this.apps.find(app) : this.apps.all().stream().findFirst();
		String userName = (user == null || user.isBlank()) ? DEFAULT_USER : user.strip();
		model.addAttribute("apps", this.apps.all());
		model.addAttribute("app", selected.orElse(null));
		model.addAttribute("user", userName);
		model.addAttribute("modes", PushMode.values());
		model.addAttribute("formats", PushFormat.values());
		model.addAttribute("apis", Faults.Api.values());
		model.addAttribute("baseUrl", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
		selected.ifPresent((chosen) -> {
			chat(model, chosen, userName);
			model.addAttribute("users",
					this.conversations.ofApp(chosen.appId()).stream().map(Conversation::userName).toList());
		});
		this.controls.addLogs(model, selected.map(EmulatedApp::appId).orElse(null));
		this.controls.addFaults(model);
		return "emulator/page";
	}

	/**
	 * The chat, or 204 (htmx then leaves it alone) when nothing changed since
	 * {@code since}.
	 */
	@GetMapping("/emulator/ui/chat")
	ModelAndView poll(@RequestParam String app, @RequestParam String user, @RequestParam(required = false) String since,
			HttpServletResponse response) {
		EmulatedApp chosen = app(app);
		Model model = new ExtendedModelMap();
		chat(model, chosen, user);
		if (since != null && since.equals(model.getAttribute("version"))) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return null; // handled: an empty 204
		}
		return new ModelAndView("emulator/page :: chat", model.asMap());
	}

	@PostMapping("/emulator/ui/say")
	CompletableFuture<ModelAndView> say(@RequestParam String app, @RequestParam String user,
			@RequestParam String content) {
		EmulatedApp chosen = app(app);
		if (content.isBlank()) {
			return CompletableFuture.completedFuture(chatView(chosen, user));
		}
		return this.users.say(chosen, user, content).handle((outcome, failure) -> chatView(chosen, user));
	}

	@PostMapping("/emulator/ui/image")
	CompletableFuture<ModelAndView> image(@RequestParam String app, @RequestParam String user,
			@RequestParam MultipartFile file) throws IOException {
		EmulatedApp chosen = app(app);
		try {
			return this.users
				.sendImage(chosen, user, file.getOriginalFilename(), file.getBytes(),
						ServletUriComponentsBuilder.fromCurrentContextPath().toUriString())
				.handle((outcome, failure) -> chatView(chosen, user));
		}
		catch (Refusal refusal) {
			Conversation conversation = this.conversations.of(chosen.appId(), user);
			conversation.show(new ChatEntry.Refused(this.time.now(), "image", refusal.errcode(), refusal.errmsg()));
			return CompletableFuture.completedFuture(chatView(chosen, user));
		}
	}

	@PostMapping("/emulator/ui/enter")
	CompletableFuture<ModelAndView> enter(@RequestParam String app, @RequestParam String user,
			@RequestParam(required = false) String sessionFrom) {
		EmulatedApp chosen = app(app);
		return this.users.enter(chosen, user, sessionFrom).handle((outcome, failure) -> chatView(chosen, user));
	}

	@PostMapping("/emulator/ui/apps")
	String register(@RequestParam String appId, @RequestParam(required = false) String name,
			@RequestParam String secret, @RequestParam String token, @RequestParam String encodingAesKey,
			@RequestParam(required = false) String callbackUrl, @RequestParam PushMode mode,
			@RequestParam PushFormat format, HttpServletRequest request) {
		AppRegistration registration = new AppRegistration(appId.strip(), name, secret.strip(), token.strip(),
				encodingAesKey.strip(), callbackUrl, mode, format);
		Set<ConstraintViolation<AppRegistration>> violations = this.validator.validate(registration);
		if (!violations.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					violations.stream()
						.map((violation) -> violation.getPropertyPath() + ": " + violation.getMessage())
						.sorted()
						.collect(Collectors.joining("; ")));
		}
		this.apps.register(registration.toApp(target(registration.appId(), registration.callbackUrl(), request)));
		return "redirect:" + UriComponentsBuilder.fromPath("/emulator")
			.queryParam("app", registration.appId())
			.encode()
			.build()
			.toUriString();
	}

	@PostMapping("/emulator/ui/push-config")
	String configure(@RequestParam String app, @RequestParam String user,
			@RequestParam(required = false) String callbackUrl, @RequestParam PushMode mode,
			@RequestParam PushFormat format, HttpServletRequest request) {
		EmulatedApp chosen = app(app);
		this.apps.register(chosen.withPush(target(chosen.appId(), callbackUrl, request), mode, format));
		return "redirect:" + UriComponentsBuilder.fromPath("/emulator")
			.queryParam("app", chosen.appId())
			.queryParam("user", user)
			.encode()
			.build()
			.toUriString();
	}

	@PostMapping("/emulator/ui/verify")
	CompletableFuture<ModelAndView> verify(@RequestParam String app) {
		EmulatedApp chosen = app(app);
		return this.verifier.verify(chosen.callbackUrl(), chosen.token())
			.thenApply((verification) -> new ModelAndView("emulator/page :: verification",
					Map.of("verification", verification)));
	}

	/** An image as the chat shows it: what a user sent, or a reply's image. */
	@GetMapping("/emulator/media/{mediaId}")
	ResponseEntity<byte[]> image(@PathVariable String mediaId) {
		return this.media.shown(mediaId)
			.map((medium) -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(medium.contentType()))
				.cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
				.body(medium.content()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	private ModelAndView chatView(EmulatedApp app, String user) {
		Model model = new ExtendedModelMap();
		chat(model, app, user);
		return new ModelAndView("emulator/page :: chat", model.asMap());
	}

	private void chat(Model model, EmulatedApp app, String user) {
		Conversation.View view = this.conversations.find(app.appId(), Conversations.openId(app.appId(), user))
			.map((conversation) -> conversation.view(this.time.now()))
			.orElse(new Conversation.View(List.of(), false, 0, null, 0));
		model.addAttribute("app", app);
		model.addAttribute("user", user);
		model.addAttribute("openId", Conversations.openId(app.appId(), user));
		model.addAttribute("entries", view.entries());
		model.addAttribute("typing", view.typing());
		model.addAttribute("sendsLeft", view.sendsLeft());
		model.addAttribute("windowEnd", (view.windowEnd() != null) ? CLOCK.format(view.windowEnd()) : null);
		model.addAttribute("version", view.version() + (view.typing() ? "t" : ""));
	}

	/**
	 * htmx sends the CSRF token as a header with every request it makes, as in the
	 * console.
	 */
	private static String htmxHeaders(HttpServletRequest request) {
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
			return "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}";
		}
		return null;
	}

	private URI target(String appId, String callbackUrl, HttpServletRequest request) {
		try {
			return this.targets.accept(appId, callbackUrl, request);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	private EmulatedApp app(String appId) {
		return this.apps.find(appId)
			.orElseThrow(
					() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no app " + appId + " in the emulator"));
	}

}
