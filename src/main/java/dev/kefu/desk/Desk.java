package dev.kefu.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.kefu.TimeOrderedIds;
import dev.kefu.inbox.ConversationHistory;
import dev.kefu.inbox.ConversationHistory.Message;
import dev.kefu.outbox.HandReplies;
import dev.kefu.outbox.HandReplies.Sent;
import dev.kefu.rules.Holds;
import dev.kefu.rules.Holds.Hold;
import dev.kefu.rules.Reply;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What agents do at the desk: list and read conversations, claim, answer and release
 * them. Claims are {@link Holds}; answers go through {@link HandReplies}; every claim,
 * release and answer is written to {@code desk_audit} and logged with who did it.
 */
@Service
public class Desk {

	private static final Logger logger = LoggerFactory.getLogger(Desk.class);

	/**
	 * The most conversations the list shows, and the most messages and replies a
	 * conversation shows.
	 */
	public static final int LIST = 50;

	public static final int HISTORY = 200;

	/**
	 * A user message older than this cannot be answered any more (WeChat's 48 h window).
	 */
	private static final Duration ANSWERABLE = Duration.ofHours(48);

	/** Which conversations the list shows. */
	public enum Filter {

		/** Nobody holds them and the user wrote within the last 48 hours. */
		WAITING,
		/** Held by the agent looking. */
		MINE,
		/** All of them. */
		ALL

	}

	/**
	 * A conversation in the list.
	 *
	 * @param last the user's last message
	 * @param unread how many of the user's messages the agent has not seen
	 * @param hold who holds it, if anyone
	 */
	public record Row(Message last, int unread, Hold hold) {
	}

	/**
	 * One line of a conversation: a user's message or a reply (rules' or by hand).
	 *
	 * @param at when it was received or planned
	 * @param message the user's message, or {@code null}
	 * @param reply the reply, or {@code null}
	 * @param ruleName the name of the rule a rules' reply came from, or {@code null}
	 */
	public record Line(Instant at, Message message, Sent reply, String ruleName) {
	}

	/** What became of a claim or an answer. */
	public enum Result {

		DONE,
		/** Another agent holds the conversation. */
		HELD_BY_OTHER

	}

	private final ConversationHistory conversations;

	private final Holds holds;

	private final HandReplies replies;

	private final RuleBook rules;

	private final DeskSignals signals;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final DeskProperties properties;

	Desk(ConversationHistory conversations, Holds holds, HandReplies replies, RuleBook rules, DeskSignals signals,
			JdbcClient jdbc, Clock clock, DeskProperties properties) {
		this.conversations = conversations;
		this.holds = holds;
		this.replies = replies;
		this.rules = rules;
		this.signals = signals;
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * The app's conversations the filter selects, newest first, with {@code agent}'s
	 * unread counts.
	 */
	public List<Row> list(String appId, Filter filter, String agent) {
		Instant now = this.clock.instant();
		Map<String, Hold> held = new HashMap<>();
		// a user a rule queued for an agent waits as any unheld one does
		this.holds.current(appId)
			.stream()
			.filter((hold) -> !hold.queued())
			.forEach((hold) -> held.put(hold.openId(), hold));
		Map<String, Instant> read = readMarks(appId, agent);
		List<Row> rows = new ArrayList<>();
		for (Message last : this.conversations.latest(appId, LIST)) {
			Hold hold = held.get(last.openId());
			boolean selected = switch (filter) {
				case WAITING -> hold == null && last.receivedAt().isAfter(now.minus(ANSWERABLE));
				case MINE -> hold != null && hold.holder().equals(agent);
				case ALL -> true;
			};
			if (selected) {
				Instant seen = read.get(last.openId());
				int unread = (seen != null && !last.receivedAt().isAfter(seen)) ? 0
						: this.conversations.countSince(appId, last.openId(), (seen != null) ? seen : Instant.EPOCH);
				rows.add(new Row(last, unread, hold));
			}
		}
		return rows;
	}

	/** The user's messages and the replies to them, in order. */
	public List<Line> history(String appId, String openId) {
		Map<String, String> ruleNames = new HashMap<>();
		for (RuleDocument rule : this.rules.list(appId)) {
			ruleNames.put(rule.id(), rule.name());
		}
		List<Line> lines = new ArrayList<>();
		for (Message message : this.conversations.of(appId, openId, HISTORY)) {
			lines.add(new Line(message.receivedAt(), message, null, null));
		}
		for (Sent sent : this.replies.to(appId, openId, HISTORY)) {
			String rule = sent.delivery().ruleId();
			lines.add(new Line(sent.delivery().createdAt(), null, sent,
					(rule != null) ? ruleNames.getOrDefault(rule, rule) : null));
		}
		lines.sort(Comparator.comparing(Line::at));
		return lines;
	}

	/**
	 * The agent who holds the conversation, if any (a user queued by a rule has none
	 * yet).
	 */
	public Optional<Hold> hold(String appId, String openId) {
		return this.holds.find(appId, openId).filter((hold) -> !hold.queued());
	}

	public Optional<HandReplies.Allowance> allowance(String appId, String openId) {
		return this.replies.allowance(appId, openId);
	}

	public HandReplies.Refusal refusal(Optional<HandReplies.Allowance> allowance) {
		return this.replies.refusal(allowance);
	}

	/** {@code agent} has seen the user's messages up to now. */
	public void markRead(String appId, String openId, String agent) {
		long now = this.clock.millis();
		if (this.jdbc.sql("UPDATE desk_read SET read_at = ? WHERE app_id = ? AND open_id = ? AND username = ?")
			.params(now, appId, openId, agent)
			.update() == 0) {
			try {
				this.jdbc.sql("INSERT INTO desk_read (app_id, open_id, username, read_at) VALUES (?, ?, ?, ?)")
					.params(appId, openId, agent, now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// the same agent's other tab marked it at the same moment: read either
				// way
			}
		}
	}

	/**
	 * Claims the conversation for {@code agent} (or extends their claim) for the idle
	 * time.
	 */
	public Result claim(String appId, String openId, String agent) {
		if (!this.holds.take(appId, openId, agent, this.clock.instant().plus(this.properties.idleRelease()))) {
			return Result.HELD_BY_OTHER;
		}
		audit(appId, openId, agent, "CLAIM", null);
		this.signals.changed(appId, openId, DeskSignals.CHANGE);
		return Result.DONE;
	}

	/** Releases {@code agent}'s claim: the rules answer the user again. */
	public void release(String appId, String openId, String agent) {
		if (this.holds.release(appId, openId, agent)) {
			audit(appId, openId, agent, "RELEASE", null);
		}
		this.signals.changed(appId, openId, DeskSignals.CHANGE);
	}

	/**
	 * Sends {@code reply} to the user, written by {@code agent}, who claims the
	 * conversation by answering (or extends their claim). Refused when another agent
	 * holds it, or when the allowance no longer permits a send
	 * ({@link HandReplies.Outcome#refusal()}).
	 */
	public Optional<HandReplies.Outcome> answer(String appId, String openId, Reply reply, String agent) {
		if (!this.holds.take(appId, openId, agent, this.clock.instant().plus(this.properties.idleRelease()))) {
			return Optional.empty();
		}
		HandReplies.Outcome outcome = this.replies.send(appId, openId, reply, agent);
		if (outcome.refusal() == null) {
			audit(appId, openId, agent, "REPLY", outcome.deliveryId() + " " + reply.getClass().getSimpleName());
		}
		this.signals.changed(appId, openId, DeskSignals.CHANGE);
		return Optional.of(outcome);
	}

	/** The most tags a user has, the longest a tag and a note may be. */
	public static final int MAX_TAGS = 5;

	public static final int TAG_LENGTH = 16;

	public static final int NOTE_LENGTH = 2000;

	/**
	 * What agents and operators keep on a user: free text and a few tags.
	 *
	 * @param updatedBy who changed it last, {@code null} when nobody wrote anything yet
	 */
	public record Note(String text, List<String> tags, String updatedBy, Instant updatedAt) {

		static final Note NONE = new Note("", List.of(), null, null);

	}

	/** Why notes and tags were not saved. */
	public enum NoteProblem {

		NOTE_TOO_LONG, TOO_MANY_TAGS, TAG_TOO_LONG

	}

	/** The user's notes and tags, empty ones when nobody wrote any. */
	public Note note(String appId, String openId) {
		return this.jdbc
			.sql("SELECT note, tags, updated_by, updated_at FROM desk_user_note WHERE app_id = ? AND open_id = ?")
			.params(appId, openId)
			.query((rs, n) -> new Note(rs.getString(1), tags(rs.getString(2)), rs.getString(3),
					Instant.ofEpochMilli(rs.getLong(4))))
			.optional()
			.orElse(Note.NONE);
	}

	/**
	 * The tags in what an agent typed: separated by spaces or commas (also {@code ，} and
	 * {@code 、}), each once, in the order typed.
	 */
	public static List<String> tags(String typed) {
		List<String> tags = new ArrayList<>();
		if (typed != null) {
			for (String tag : typed.split("[\\s,，、]+")) {
				if (!tag.isEmpty() && !tags.contains(tag)) {
					tags.add(tag);
				}
			}
		}
		return tags;
	}

	/**
	 * Replaces the user's notes and tags with what {@code agent} wrote, audited as
	 * {@code NOTE} and told to the open desks ({@link DeskSignals#NOTE}).
	 * @return why they were not saved, or {@code null} when they were
	 */
	public NoteProblem saveNote(String appId, String openId, String text, String typedTags, String agent) {
		String note = (text != null) ? text.strip() : "";
		List<String> tags = tags(typedTags);
		if (note.length() > NOTE_LENGTH) {
			return NoteProblem.NOTE_TOO_LONG;
		}
		if (tags.size() > MAX_TAGS) {
			return NoteProblem.TOO_MANY_TAGS;
		}
		if (tags.stream().anyMatch((tag) -> tag.length() > TAG_LENGTH)) {
			return NoteProblem.TAG_TOO_LONG;
		}
		String stored = String.join(" ", tags);
		long now = this.clock.millis();
		if (this.jdbc
			.sql("UPDATE desk_user_note SET note = ?, tags = ?, updated_by = ?, updated_at = ? "
					+ "WHERE app_id = ? AND open_id = ?")
			.params(note, stored, agent, now, appId, openId)
			.update() == 0) {
			try {
				this.jdbc
					.sql("INSERT INTO desk_user_note (app_id, open_id, note, tags, updated_by, updated_at) "
							+ "VALUES (?, ?, ?, ?, ?, ?)")
					.params(appId, openId, note, stored, agent, now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// another agent saved first at the same moment: the last one written
				// wins, as for an update
				this.jdbc
					.sql("UPDATE desk_user_note SET note = ?, tags = ?, updated_by = ?, updated_at = ? "
							+ "WHERE app_id = ? AND open_id = ?")
					.params(note, stored, agent, now, appId, openId)
					.update();
			}
		}
		// the audit keeps who changed what, not the note itself (it may hold personal
		// details)
		audit(appId, openId, agent, "NOTE", "tags [" + abbreviate(stored, 200) + "], note " + note.length() + " chars");
		// the other desks with the user open show them at once (unless their notes are
		// being edited)
		this.signals.changed(appId, openId, DeskSignals.NOTE);
		return null;
	}

	/**
	 * When notes or tags on any of the app's users last changed (epoch ms, 0 when never):
	 * how {@link DeskPoll} sees another instance's change.
	 */
	long notesRevision(String appId) {
		// MAX of no rows is NULL, which getLong reads as 0
		return this.jdbc.sql("SELECT MAX(updated_at) FROM desk_user_note WHERE app_id = ?")
			.param(appId)
			.query((rs, n) -> rs.getLong(1))
			.single();
	}

	private static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max);
	}

	private void audit(String appId, String openId, String agent, String action, String detail) {
		Instant now = this.clock.instant();
		this.jdbc.sql(
				"INSERT INTO desk_audit (id, app_id, open_id, actor, action, detail, acted_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(TimeOrderedIds.next(now), appId, openId, agent, action, detail, now.toEpochMilli())
			.update();
		logger.info("Desk: {} {} app {} user {}{}", agent, action, appId, openId, (detail != null) ? " " + detail : "");
	}

	private Map<String, Instant> readMarks(String appId, String agent) {
		Map<String, Instant> marks = new HashMap<>();
		this.jdbc.sql("SELECT open_id, read_at FROM desk_read WHERE app_id = ? AND username = ?")
			.params(appId, agent)
			.query((rs, n) -> marks.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
			.list();
		return marks;
	}

}
