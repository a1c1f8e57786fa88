package dev.kefu.apps.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.apps.AppRejectedException;
import dev.kefu.apps.AppRejectedException.InvalidField;
import dev.kefu.apps.AppSummary;
import dev.kefu.apps.Apps;
import dev.kefu.wechat.push.PushMode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The console's screens for apps, under {@code /admin/apps} (ADMIN only): list, register,
 * edit and remove. Credentials go in and never come back out: the forms show only whether
 * each is set, and an empty field keeps the stored value; a save that is refused puts
 * back (masked) only what was typed into that form, so nothing typed is lost. Each app
 * shows the callback URL to paste into WeChat's admin console, with a warning when it is
 * on this machine or a private network where WeChat cannot reach it, and can check it the
 * way WeChat does.
 */
@Controller
@RequestMapping("/admin/apps")
class AppScreens {

	/**
	 * An IPv4 address, or an IPv6 one in brackets: {@link InetAddress#getByName} looks
	 * neither up.
	 */
	private static final Pattern LITERAL_ADDRESS = Pattern.compile("[0-9.]+|\\[[0-9a-f:.]+]");

	/**
	 * The form's push mode choices; empty means none recorded (each push says its mode).
	 */
	static final List<String> PUSH_MODES = List.of("", PushMode.PLAINTEXT.name(), PushMode.COMPATIBLE.name(),
			PushMode.SAFE.name());

	static final List<String> TIME_ZONES = List.of("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore",
			"Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC");

	private final AppRegistry registry;

	private final Apps apps;

	private final UrlVerification verification;

	AppScreens(AppRegistry registry, Apps apps, UrlVerification verification) {
		this.registry = registry;
		this.apps = apps;
		this.verification = verification;
	}

	@GetMapping
	String list(Model model, HttpServletRequest request) {
		model.addAttribute("apps", this.registry.list());
		model.addAttribute("base", base(request));
		model.addAttribute("callbackLocal", unreachableHost(base(request)) != null);
		model.addAttribute("callbackHost", unreachableHost(base(request)));
		return "apps/list";
	}

	@GetMapping("/new")
	String create(Model model) {
		model.addAttribute("form", AppForm.blank());
		return form(model, null);
	}

	@PostMapping("/new")
	String register(@ModelAttribute("form") AppForm form, Model model, RedirectAttributes redirect) {
		try {
			AppSummary app = this.registry.register(form.toDraft(true));
			redirect.addFlashAttribute("notice", "apps.created");
			return "redirect:/admin/apps/" + app.appId();
		}
		catch (AppRejectedException ex) {
			model.addAttribute("errors", errors(ex));
			return form(model, null);
		}
	}

	@GetMapping("/{appId}")
	String edit(@PathVariable String appId, Model model, HttpServletRequest request) {
		AppSummary app = find(appId);
		model.addAttribute("form", AppForm.of(app));
		callback(model, base(request) + app.callbackPath());
		return form(model, app);
	}

	@PostMapping("/{appId}")
	String update(@PathVariable String appId, @ModelAttribute("form") AppForm form, Model model,
			HttpServletRequest request, RedirectAttributes redirect) {
		AppSummary app = find(appId);
		try {
			this.registry.update(appId, form.toDraft(false));
			redirect.addFlashAttribute("notice", "apps.saved");
			return "redirect:/admin/apps/" + appId;
		}
		catch (AppRejectedException ex) {
			model.addAttribute("errors", errors(ex));
			callback(model, base(request) + app.callbackPath());
			return form(model, app);
		}
	}

	@PostMapping("/{appId}/delete")
	String remove(@PathVariable String appId, RedirectAttributes redirect) {
		find(appId);
		this.registry.remove(appId);
		redirect.addFlashAttribute("notice", "apps.deleted");
		return "redirect:/admin/apps";
	}

	/**
	 * htmx: performs WeChat's GET check against {@code url} and renders what WeChat would
	 * say.
	 */
	@PostMapping("/{appId}/verify")
	String verify(@PathVariable String appId, @RequestParam String url, Model model) {
		String token = this.apps.find(appId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
			.token();
		model.addAttribute("result", this.verification.check(url, token));
		model.addAttribute("local", unreachableHost(url));
		return "apps/verify :: result";
	}

	/**
	 * The push URL to paste into WeChat, with a warning when WeChat could never reach it.
	 */
	private static void callback(Model model, String url) {
		String host = unreachableHost(url);
		model.addAttribute("callbackUrl", url);
		model.addAttribute("callbackLocal", host != null);
		model.addAttribute("callbackHost", host);
	}

	/**
	 * The host of {@code url} if WeChat's servers cannot reach it: {@code localhost} (and
	 * names under it), or an address of this machine or of a private network written as
	 * such (no name is looked up); otherwise {@code null}.
	 */
	static String unreachableHost(String url) {
		String host;
		try {
			host = URI.create(url.strip()).getHost();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (host == null) {
			return null;
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return host;
		}
		if (!LITERAL_ADDRESS.matcher(name).matches()) {
			return null;
		}
		try {
			InetAddress address = InetAddress.getByName(name);
			boolean local = address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
					|| address.isLinkLocalAddress();
			return local ? host : null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private String form(Model model, AppSummary app) {
		model.addAttribute("app", app);
		model.addAttribute("timeZones", TIME_ZONES);
		model.addAttribute("pushModes", PUSH_MODES);
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "apps/form";
	}

	private AppSummary find(String appId) {
		return this.registry.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/**
	 * Message keys per form field; free-text reasons from the registry are not shown to
	 * operators.
	 */
	private static Map<String, String> errors(AppRejectedException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		switch (ex.reason()) {
			case DUPLICATE_APP_ID -> errors.put("appId", "apps.error.duplicate");
			case UNKNOWN_APP -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			case INVALID_FIELDS -> {
				for (InvalidField field : ex.invalidFields()) {
					errors.putIfAbsent(field.field(), "is required".equals(field.reason()) ? "apps.error.required"
							: "apps.error." + field.field());
				}
			}
		}
		return errors;
	}

	/**
	 * Where this kefu is reached, as the browser sees it (forwarded headers honoured).
	 */
	private static String base(HttpServletRequest request) {
		return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
	}

	/**
	 * What the app form holds. Credentials are write-only: blank means "keep" when
	 * editing. The push mode is always shown and posted: blank means none recorded, also
	 * when editing; a form posted without it (an older page) keeps the recorded mode.
	 */
	record AppForm(String appId, String name, String secret, String token, String encodingAesKey,
			String previousEncodingAesKey, Boolean removePreviousKey, String timeZone, Boolean sandbox,
			String pushMode) {

		static AppForm blank() {
			return new AppForm("", "", "", "", "", "", false, "Asia/Shanghai", false, "");
		}

		static AppForm of(AppSummary app) {
			return new AppForm(app.appId(), app.name(), "", "", "", "", false, app.timeZone().getId(), app.sandbox(),
					(app.pushMode() != null) ? app.pushMode().name() : "");
		}

		AppDraft toDraft(boolean registering) {
			String previous = Boolean.TRUE.equals(this.removePreviousKey) ? ""
					: blankToNull(this.previousEncodingAesKey);
			return new AppDraft(registering ? trim(this.appId) : null, this.name, blankToNull(this.secret),
					blankToNull(trim(this.token)), blankToNull(trim(this.encodingAesKey)), previous,
					Boolean.TRUE.equals(this.sandbox), blankToNull(this.timeZone),
					(this.pushMode != null) ? this.pushMode.strip() : null);
		}

		private static String trim(String value) {
			return (value != null) ? value.strip() : null;
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value;
		}

		@Override
		public String toString() {
			return "AppForm[appId=" + this.appId + ", name=" + this.name + ", credentials=***]";
		}

	}

}
