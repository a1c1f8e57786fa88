package dev.kefu.desk.web;

import java.security.Principal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.desk.Desk;
import dev.kefu.desk.DeskProperties;
import dev.kefu.desk.DeskSignals;
import dev.kefu.media.Assets;
import dev.kefu.outbox.DeliveryStatus;
import dev.kefu.outbox.HandReplies;
import dev.kefu.rules.Holds.Hold;
import dev.kefu.rules.Reply;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The agent desk, {@code /apps/{appId}/desk}: the conversation list and the open conversation are
 * fragments that htmx reloads when the desk's event stream ({@code /events}) says something
 * changed, and every second while one of the conversation's replies by hand is still on its way.
 */
@Controller
@RequestMapping("/apps/{appId}/desk")
class DeskScreens {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	private static final int MAX_TEXT = 2000;

	private final Apps apps;

	private final Desk desk;

	private final DeskSignals signals;

	private final Assets assets;

	private final DeskProperties properties;

	DeskScreens(Apps apps, Desk desk, DeskSignals signals, Assets assets, DeskProperties properties) {
		this.properties = properties;
		this.apps = apps;
		this.desk = desk;
		this.signals = signals;
		this.assets = assets;
	}

	/** A reply drawn by the WeChat fragment: the pinned reply JSON's fields. */
	record Part(String type, String content, String title, String description, String url, String thumbUrl,
			String assetId, String pagePath, String thumbAssetId) {

		static Part of(Reply reply) {
			if (reply instanceof Reply.Text t) {
				return new Part("text", t.content(), null, null, null, null, null, null, null);
			}
			if (reply instanceof Reply.Link l) {
				return new Part("link", null, l.title(), l.description(), l.url(), l.thumbUrl(), null, null, null);
			}
			if (reply instanceof Reply.Image i) {
				return new Part("image", null, null, null, null, null, i.assetId(), null, null);
			}
			Reply.MiniProgramPage m = (Reply.MiniProgramPage) reply;
			return new Part("miniprogrampage", null, m.title(), null, null, null, null, m.pagePath(), m.thumbAssetId());
		}

	}

	/** A line of the open conversation as the template draws it. */
	record Shown(String kind, String time, String msgType, String event, String content, Part part, String status,
			String errmsg, String sentBy, String ruleName) {
	}

	/** A conversation in the list as the template draws it. */
	record Listed(String openId, String last, String when, int unread, String holder, boolean mine) {
	}

	@GetMapping
	String page(@PathVariable String appId, @RequestParam(defaultValue = "waiting") String filter,
			@RequestParam(required = false) String user, Model model) {
		app(appId);
		model.addAttribute("appId", appId);
		model.addAttribute("filter", filter(filter).name().toLowerCase(Locale.ROOT));
		model.addAttribute("user", user);
		model.addAttribute("idleMinutes", this.properties.idleRelease().toMinutes());
		return "desk/desk";
	}

	@GetMapping("/list")
	String list(@PathVariable String appId, @RequestParam(defaultValue = "waiting") String filter,
			@RequestParam(required = false) String user, Principal principal, Model model) {
		ZoneId zone = app(appId).timeZone();
		String me = principal.getName();
		model.addAttribute("appId", appId);
		model.addAttribute("filter", filter(filter).name().toLowerCase(Locale.ROOT));
		model.addAttribute("user", user);
		model.addAttribute("rows", this.desk.list(appId, filter(filter), me)
			.stream()
			.map((row) -> new Listed(row.last().openId(), shown(row.last().msgType(), row.last().content()),
					WHEN.format(row.last().receivedAt().atZone(zone)), row.unread(),
					(row.hold() != null) ? row.hold().holder() : null,
					row.hold() != null && row.hold().holder().equals(me)))
			.toList());
		return "desk/desk :: list";
	}

	@GetMapping("/users/{openId}")
	String conversation(@PathVariable String appId, @PathVariable String openId,
			@RequestParam(defaultValue = "false") boolean live, Principal principal, Model model) {
		String view = live(appId, openId, principal.getName(), model, null);
		// a refresh redraws what changes and leaves the form being typed in alone
		return live ? "desk/desk :: live" : view;
	}

	@PostMapping("/users/{openId}/claim")
	String claim(@PathVariable String appId, @PathVariable String openId, Principal principal, Model model) {
		app(appId);
		String problem = (this.desk.claim(appId, openId, principal.getName()) == Desk.Result.HELD_BY_OTHER)
				? "desk.error.heldByOther" : null;
		return live(appId, openId, principal.getName(), model, problem);
	}

	@PostMapping("/users/{openId}/release")
	String release(@PathVariable String appId, @PathVariable String openId, Principal principal, Model model) {
		app(appId);
		this.desk.release(appId, openId, principal.getName());
		return live(appId, openId, principal.getName(), model, null);
	}

	@PostMapping("/users/{openId}/replies")
	String reply(@PathVariable String appId, @PathVariable String openId, @RequestParam(defaultValue = "text") String type,
			@RequestParam(required = false) String content, @RequestParam(required = false) String title,
			@RequestParam(required = false) String description, @RequestParam(required = false) String url,
			@RequestParam(required = false) String assetId, @RequestParam(defaultValue = "false") boolean tracked,
			Principal principal, Model model) {
		app(appId);
		String problem;
		Reply reply = null;
		switch (type) {
			case "text" -> {
				String text = (content != null) ? content.strip() : "";
				problem = text.isEmpty() ? "desk.error.empty" : (text.length() > MAX_TEXT) ? "desk.error.tooLong" : null;
				reply = new Reply.Text(text);
			}
			case "link" -> {
				String link = (url != null) ? url.strip() : "";
				problem = (title == null || title.isBlank()) ? "desk.error.title"
						: !(link.startsWith("https://") || link.startsWith("http://")) ? "desk.error.url" : null;
				reply = new Reply.Link(title != null ? title.strip() : "", description != null ? description.strip() : "",
						link, null, tracked ? Reply.Tracking.plain() : null);
			}
			case "image" -> {
				problem = (assetId == null || this.assets.find(appId, assetId).isEmpty()) ? "desk.error.image" : null;
				reply = new Reply.Image(assetId);
			}
			default -> problem = "desk.error.type";
		}
		if (problem == null) {
			Optional<HandReplies.Outcome> outcome = this.desk.answer(appId, openId, reply, principal.getName());
			if (outcome.isEmpty()) {
				problem = "desk.error.heldByOther";
			}
			else if (outcome.get().refusal() != null) {
				problem = "desk.refusal." + outcome.get().refusal().name();
			}
		}
		return live(appId, openId, principal.getName(), model, problem);
	}

	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable String appId) {
		app(appId);
		return this.signals.subscribe(appId);
	}

	private String live(String appId, String openId, String me, Model model, String problem) {
		App app = app(appId);
		ZoneId zone = app.timeZone();
		this.desk.markRead(appId, openId, me);
		Optional<Hold> hold = this.desk.hold(appId, openId);
		Optional<HandReplies.Allowance> allowance = this.desk.allowance(appId, openId);
		HandReplies.Refusal refusal = this.desk.refusal(allowance);
		boolean heldByOther = hold.isPresent() && !hold.get().holder().equals(me);
		List<Shown> lines = this.desk.history(appId, openId).stream().map((line) -> {
			String time = TIME.format(line.at().atZone(zone));
			if (line.message() != null) {
				return new Shown("user", time, line.message().msgType(), line.message().event(), line.message().content(),
						null, null, null, null, null);
			}
			HandReplies.Sent sent = line.reply();
			return new Shown((sent.sentBy() != null) ? "agent" : "rule", time, sent.delivery().type(), null, null,
					(sent.reply() != null) ? Part.of(sent.reply()) : null, sent.delivery().status().name(),
					sent.delivery().lastErrmsg(), sent.sentBy(), line.ruleName());
		}).toList();
		model.addAttribute("appId", appId);
		model.addAttribute("openId", openId);
		model.addAttribute("me", me);
		model.addAttribute("lines", lines);
		model.addAttribute("hold", hold.orElse(null));
		model.addAttribute("heldUntil", hold.map((h) -> TIME.format(h.until().atZone(zone))).orElse(null));
		model.addAttribute("heldByOther", heldByOther);
		model.addAttribute("allowance", allowance.orElse(null));
		model.addAttribute("closesAt", allowance.map((a) -> TIME.format(a.closesAt().atZone(zone))).orElse(null));
		model.addAttribute("refusal", (refusal != null) ? "desk.refusal." + refusal.name() : null);
		model.addAttribute("problem", problem);
		model.addAttribute("pending", lines.stream().anyMatch((l) -> "agent".equals(l.kind()) && l.status() != null
				&& (DeliveryStatus.PENDING.name().equals(l.status()) || DeliveryStatus.RETRYING.name().equals(l.status()))));
		model.addAttribute("images", this.assets.list(appId));
		return "desk/desk :: conversation";
	}

	private static Desk.Filter filter(String filter) {
		return switch (filter) {
			case "mine" -> Desk.Filter.MINE;
			case "all" -> Desk.Filter.ALL;
			default -> Desk.Filter.WAITING;
		};
	}

	private static String shown(String msgType, String content) {
		return "text".equals(msgType) ? content : "[" + msgType + "]";
	}

	private App app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
