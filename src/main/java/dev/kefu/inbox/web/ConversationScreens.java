package dev.kefu.inbox.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's conversations, {@code /apps/{appId}/conversations}: the users who wrote
 * last and each user's messages, with a mark where a user was handed over to the
 * customer-service tool (after the replies sent before it). The page is the inbox's; the
 * rule that answered each message and the replies with their delivery status are filled
 * in by the rules' and the outbox's own fragments, which htmx loads into it, so each
 * module reads only its own tables.
 * <p>
 * Also the texts of the unmatched inbox: the rules name the unmatched messages, this
 * groups their texts.
 */
@Controller
class ConversationScreens {

	static final int TIMELINE = 100;

	static final int USERS = 50;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	private final Apps apps;

	private final JdbcClient jdbc;

	ConversationScreens(Apps apps, JdbcClient jdbc) {
		this.apps = apps;
		this.jdbc = jdbc;
	}

	/**
	 * A user in the list.
	 *
	 * @param openId the user
	 * @param last what they sent last
	 * @param when when, in the app's time
	 */
	record UserRow(String openId, String last, String when) {
	}

	/**
	 * One received message.
	 *
	 * @param id kefu's message id, which the other modules' fragments refer to
	 * @param msgType as WeChat sent it
	 * @param text what to show in the bubble, or {@code null} for a notice
	 * @param time in the app's time
	 * @param day the day, when it starts a new one
	 * @param transferred the push was answered with {@code transfer_customer_service}:
	 * the user was handed over to the customer-service tool here
	 */
	record Entry(String id, String msgType, String text, String time, String day, boolean transferred) {
	}

	@GetMapping({ "/apps/{appId}/conversations", "/apps/{appId}/conversations/{openId}" })
	String page(@PathVariable String appId, @PathVariable(required = false) String openId, Model model) {
		ZoneId zone = app(appId).timeZone();
		model.addAttribute("appId", appId);
		model.addAttribute("openId", openId);
		model.addAttribute("users", this.jdbc
			.sql("SELECT m.open_id, m.msg_type, m.content, m.received_at FROM inbox_message m JOIN "
					+ "(SELECT open_id, MAX(received_at) AS last_at FROM inbox_message WHERE app_id = ? GROUP BY open_id) u "
					+ "ON m.open_id = u.open_id AND m.received_at = u.last_at WHERE m.app_id = ? "
					+ "ORDER BY m.received_at DESC LIMIT " + USERS)
			.params(appId, appId)
			.query((rs, i) -> new UserRow(rs.getString("open_id"),
					shown(rs.getString("msg_type"), rs.getString("content")),
					WHEN.format(Instant.ofEpochMilli(rs.getLong("received_at")).atZone(zone))))
			.list()
			.stream()
			.distinct()
			.toList());
		model.addAttribute("timeline", (openId != null) ? timeline(appId, openId, zone) : List.of());
		return "inbox/conversations";
	}

	/**
	 * One unmatched text and how often it came.
	 *
	 * @param text as the users sent it
	 * @param count how many messages
	 * @param users from how many users
	 * @param last when it came last
	 */
	record TextRow(String text, long count, long users, String last) {
	}

	/**
	 * htmx: groups the texts of the messages the rules could not match ({@code ids}),
	 * most frequent first.
	 */
	@PostMapping("/apps/{appId}/unmatched/texts")
	String unmatchedTexts(@PathVariable String appId, @RequestParam(required = false) List<String> ids, Model model) {
		ZoneId zone = app(appId).timeZone();
		List<String> all = (ids != null) ? ids : List.of();
		java.util.Map<String, long[]> byText = new java.util.LinkedHashMap<>();
		java.util.Map<String, java.util.Set<String>> usersByText = new java.util.HashMap<>();
		for (int from = 0; from < all.size(); from += 500) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
			String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
			List<Object> params = new ArrayList<>();
			params.add(appId);
			params.addAll(chunk);
			this.jdbc
				.sql("SELECT content, open_id, received_at FROM inbox_message WHERE app_id = ? AND msg_type = 'text' "
						+ "AND id IN (" + marks + ")")
				.params(params)
				.query((rs, i) -> {
					String text = rs.getString("content").strip();
					long[] c = byText.computeIfAbsent(text, (k) -> new long[2]);
					c[0]++;
					c[1] = Math.max(c[1], rs.getLong("received_at"));
					usersByText.computeIfAbsent(text, (k) -> new java.util.HashSet<>()).add(rs.getString("open_id"));
					return null;
				})
				.list();
		}
		model.addAttribute("appId", appId);
		model.addAttribute("texts",
				byText.entrySet()
					.stream()
					.filter((e) -> !e.getKey().isEmpty())
					.sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
					.limit(100)
					.map((e) -> new TextRow(e.getKey(), e.getValue()[0], usersByText.get(e.getKey()).size(),
							WHEN.format(Instant.ofEpochMilli(e.getValue()[1]).atZone(zone))))
					.toList());
		return "inbox/unmatched :: texts";
	}

	private List<Entry> timeline(String appId, String openId, ZoneId zone) {
		List<Entry> entries = new ArrayList<>(this.jdbc
			.sql("SELECT id, msg_type, event_type, content, received_at, transferred FROM inbox_message "
					+ "WHERE app_id = ? AND open_id = ? ORDER BY received_at DESC LIMIT " + TIMELINE)
			.params(appId, openId)
			.query((rs,
					i) -> new Object[] { rs.getString("id"), rs.getString("msg_type"), rs.getString("content"),
							rs.getLong("received_at"), rs.getBoolean("transferred") })
			.list()
			.stream()
			.map((row) -> new Entry((String) row[0], (String) row[1], "text".equals(row[1]) ? (String) row[2] : null,
					TIME.format(Instant.ofEpochMilli((Long) row[3]).atZone(zone)),
					DAY.format(Instant.ofEpochMilli((Long) row[3]).atZone(zone)), (Boolean) row[4]))
			.toList());
		Collections.reverse(entries);
		// a day separator only where the day changes
		List<Entry> marked = new ArrayList<>();
		String previous = null;
		for (Entry e : entries) {
			marked.add(new Entry(e.id(), e.msgType(), e.text(), e.time(), e.day().equals(previous) ? null : e.day(),
					e.transferred()));
			previous = e.day();
		}
		return marked;
	}

	private static String shown(String msgType, String content) {
		return "text".equals(msgType) ? content : "[" + msgType + "]";
	}

	private App app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
