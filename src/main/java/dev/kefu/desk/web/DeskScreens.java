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
import dev.kefu.desk.DeskTyping;
import dev.kefu.desk.QuickReplies;
import dev.kefu.media.Assets;
import dev.kefu.outbox.DeliveryStatus;
import dev.kefu.outbox.HandReplies;
import dev.kefu.rules.AgentPresence;
import dev.kefu.rules.Holds.Hold;
import dev.kefu.rules.Reply;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * The agent desk, {@code /apps/{appId}/desk}: the conversation list and the open
 * conversation are fragments that htmx reloads when the desk's event stream
 * ({@code /events}) says something changed, and every second while one of the
 * conversation's replies by hand is still on its way.
 */
@Controller
@RequestMapping("/apps/{appId}/desk")
class DeskScreens {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	private final Apps apps;

	private final Desk desk;

	private final DeskSignals signals;

	private final Assets assets;

	private final DeskProperties properties;

	private final QuickReplies quickReplies;

	private final DeskTyping typing;

	private final AgentPresence presence;

	DeskScreens(Apps apps, Desk desk, DeskSignals signals, Assets assets, DeskProperties properties,
			QuickReplies quickReplies, DeskTyping typing, AgentPresence presence) {
		this.typing = typing;
		this.presence = presence;
		this.properties = properties;
		this.quickReplies = quickReplies;
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

	/** A quick reply as the desk offers it: the form's fields it fills in. */
	record Quick(String shortcut, Part part) {
	}

	/** A conversation in the list as the template draws it. */
	record Listed(String openId, String last, String when, int unread, String holder, boolean mine) {
	}

	@GetMapping
	String page(@PathVariable String appId, @RequestParam(defaultValue = "waiting") String filter,
			@RequestParam(required = false) String user, Model model) {
		App app = app(appId);
		model.addAttribute("appId", appId);
		model.addAttribute("filter", filter(filter).name().toLowerCase(Locale.ROOT));
		model.addAttribute("user", user);
		model.addAttribute("idleMinutes", this.properties.idleRelease().toMinutes());
		model.addAttribute("closed", !this.presence.withinHours(appId, app.timeZone()));
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
		model.addAttribute("rows",
				this.desk.list(appId, filter(filter), me)
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
	String reply(@PathVariable String appId, @PathVariable String openId, ReplyForm form, Principal principal,
			Model model) {
		app(appId);
		ReplyForm.Checked checked = form.check(appId, this.assets);
		String problem = checked.problem();
		if (problem == null) {
			Optional<HandReplies.Outcome> outcome = this.desk.answer(appId, openId, checked.reply(),
					principal.getName());
			if (outcome.isEmpty()) {
				problem = "desk.error.heldByOther";
			}
			else if (outcome.get().refusal() != null) {
				problem = "desk.refusal." + outcome.get().refusal().name();
			}
			else {
				this.typing.replied(appId, openId);
			}
		}
		return live(appId, openId, principal.getName(), model, problem);
	}

	/**
	 * The agent is typing a reply: WeChat shows the user "typing…" where it allows (in
	 * the background, at most once per 15 s; see {@link DeskTyping}). Always 204 once the
	 * app exists.
	 */
	@PostMapping("/users/{openId}/typing")
	ResponseEntity<Void> typing(@PathVariable String appId, @PathVariable String openId, Principal principal) {
		app(appId);
		this.typing.typing(appId, openId, principal.getName());
		return ResponseEntity.noContent().build();
	}

	/**
	 * The user's notes and tags as they are now, for a desk told they changed
	 * ({@link DeskSignals#NOTE}).
	 */
	@GetMapping("/users/{openId}/notes")
	String currentNotes(@PathVariable String appId, @PathVariable String openId, Model model) {
		notes(appId, openId, model);
		return "desk/desk :: notes";
	}

	@PostMapping("/users/{openId}/notes")
	String notes(@PathVariable String appId, @PathVariable String openId, @RequestParam(defaultValue = "") String note,
			@RequestParam(defaultValue = "") String tags, Principal principal, Model model) {
		app(appId);
		Desk.NoteProblem problem = this.desk.saveNote(appId, openId, note, tags, principal.getName());
		notes(appId, openId, model);
		if (problem != null) {
			// what was typed stays in the form, with the reason at its field
			model.addAttribute("noteText", note);
			model.addAttribute("noteTags", tags);
			model.addAttribute("noteProblem", "desk.notes.error." + problem.name());
			model.addAttribute("noteProblemField", (problem == Desk.NoteProblem.NOTE_TOO_LONG) ? "note" : "tags");
		}
		else {
			model.addAttribute("noteSaved", true);
		}
		return "desk/desk :: notes";
	}

	private void notes(String appId, String openId, Model model) {
		ZoneId zone = app(appId).timeZone();
		Desk.Note note = this.desk.note(appId, openId);
		model.addAttribute("appId", appId);
		model.addAttribute("openId", openId);
		model.addAttribute("note", note);
		model.addAttribute("noteText", note.text());
		model.addAttribute("noteTags", String.join(" ", note.tags()));
		model.addAttribute("noteUpdated",
				(note.updatedAt() != null) ? WHEN.format(note.updatedAt().atZone(zone)) : null);
		model.addAttribute("maxTags", Desk.MAX_TAGS);
		model.addAttribute("tagLength", Desk.TAG_LENGTH);
		model.addAttribute("noteLength", Desk.NOTE_LENGTH);
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
				return new Shown("user", time, line.message().msgType(), line.message().event(),
						line.message().content(), null, null, null, null, null);
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
		model.addAttribute("pending",
				lines.stream()
					.anyMatch((l) -> "agent".equals(l.kind()) && l.status() != null
							&& (DeliveryStatus.PENDING.name().equals(l.status())
									|| DeliveryStatus.RETRYING.name().equals(l.status()))));
		model.addAttribute("images", this.assets.list(appId));
		model.addAttribute("quickReplies",
				this.quickReplies.list(appId)
					.stream()
					.map((quick) -> new Quick(quick.shortcut(), Part.of(quick.reply())))
					.toList());
		notes(appId, openId, model);
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
