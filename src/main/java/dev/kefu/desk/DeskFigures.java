package dev.kefu.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.kefu.inbox.ConversationHistory;
import dev.kefu.outbox.HandReplies;
import dev.kefu.rules.Holds;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The desk's figures for the dashboard, per app and per agent, for a period:
 * conversations handed to agents (users an agent claimed or answered), how many users
 * wait now, the median and 90th percentile of the time to the first reply by hand
 * ({@link FirstReplies}), and the replies by hand that were sent. Read from the audit,
 * the inbox and the outbox when asked; nothing is counted ahead. The databases count and
 * group; only the percentiles are taken here, over the waits of users answered by hand in
 * the period, whose messages alone are read: the work grows with the desk's replies, not
 * with the app's messages.
 */
@Service
public class DeskFigures {

	/**
	 * One set of figures.
	 *
	 * @param handed users an agent claimed or answered in the period
	 * @param medianFirstReply the median time to the first reply by hand, or {@code null}
	 * with none
	 * @param p90FirstReply the 90th percentile of it, or {@code null} with none
	 * @param replies replies by hand written in the period and sent
	 */
	public record Figures(int handed, Duration medianFirstReply, Duration p90FirstReply, int replies) {
	}

	/**
	 * The figures of an app for a period.
	 *
	 * @param app the app's
	 * @param waiting users who wrote within the last 48 hours, have had no reply by hand
	 * since, and whom no agent holds now
	 * @param agents each agent's who did something in the period, by name
	 */
	public record Report(Figures app, int waiting, Map<String, Figures> agents) {
	}

	private final JdbcClient jdbc;

	private final ConversationHistory conversations;

	private final HandReplies replies;

	private final Holds holds;

	private final Clock clock;

	DeskFigures(JdbcClient jdbc, ConversationHistory conversations, HandReplies replies, Holds holds, Clock clock) {
		this.jdbc = jdbc;
		this.conversations = conversations;
		this.replies = replies;
		this.holds = holds;
		this.clock = clock;
	}

	/** The app's figures for {@code [from, to)}. */
	public Report report(String appId, Instant from, Instant to) {
		List<FirstReplies.Wait> waits = waits(appId, from, to);
		Map<String, Integer> handed = handed(appId, from, to);
		Map<String, Integer> sent = this.replies.sentByHand(appId, from, to);
		Set<String> agents = new HashSet<>(handed.keySet());
		agents.addAll(sent.keySet());
		waits.forEach((wait) -> agents.add(wait.agent()));
		Map<String, Figures> byAgent = new TreeMap<>();
		for (String agent : agents) {
			List<Duration> theirs = waits.stream()
				.filter((w) -> w.agent().equals(agent))
				.map(FirstReplies.Wait::waited)
				.toList();
			byAgent.put(agent, figures(handed.getOrDefault(agent, 0), theirs, sent.getOrDefault(agent, 0)));
		}
		Figures app = figures(handedInApp(appId, from, to), waits.stream().map(FirstReplies.Wait::waited).toList(),
				sent.values().stream().mapToInt(Integer::intValue).sum());
		return new Report(app, waitingNow(appId), byAgent);
	}

	/**
	 * The waits that ended in the period. Only users answered by hand in it can have one,
	 * so only their messages are read: a wait that ends in the period may have begun up
	 * to 48 hours before it.
	 */
	private List<FirstReplies.Wait> waits(String appId, Instant from, Instant to) {
		Instant since = from.minus(FirstReplies.WINDOW);
		List<FirstReplies.Event> events = new ArrayList<>();
		Set<String> answered = new HashSet<>();
		for (HandReplies.ByHand reply : this.replies.byHand(appId, since, to)) {
			events.add(new FirstReplies.Event(reply.openId(), reply.createdAt(), reply.sentBy()));
			if (!reply.createdAt().isBefore(from)) {
				answered.add(reply.openId());
			}
		}
		this.conversations.arrivals(appId, since, to, answered)
			.forEach((a) -> events.add(new FirstReplies.Event(a.openId(), a.receivedAt(), null)));
		return FirstReplies.waits(events, from);
	}

	/** Users each agent claimed or answered in the period, counted by the database. */
	private Map<String, Integer> handed(String appId, Instant from, Instant to) {
		Map<String, Integer> handed = new HashMap<>();
		this.jdbc
			.sql("SELECT actor, COUNT(DISTINCT open_id) FROM desk_audit WHERE app_id = ? AND acted_at >= ? "
					+ "AND acted_at < ? AND action IN ('CLAIM', 'REPLY') GROUP BY actor")
			.params(appId, from.toEpochMilli(), to.toEpochMilli())
			.query((rs, n) -> handed.put(rs.getString(1), rs.getInt(2)))
			.list();
		return handed;
	}

	private int handedInApp(String appId, Instant from, Instant to) {
		// ix_desk_audit_app serves the range
		return this.jdbc
			.sql("SELECT COUNT(DISTINCT open_id) FROM desk_audit WHERE app_id = ? AND acted_at >= ? AND acted_at < ? "
					+ "AND action IN ('CLAIM', 'REPLY')")
			.params(appId, from.toEpochMilli(), to.toEpochMilli())
			.query(Long.class)
			.single()
			.intValue();
	}

	/**
	 * The users who wrote within the window and still wait: all who wrote, counted by the
	 * database, less those answered by hand since their last message or held by an agent
	 * now (a user a rule queued for an agent still waits). Only the answered and the held
	 * users' last messages are read.
	 */
	private int waitingNow(String appId) {
		Instant now = this.clock.instant();
		Instant since = now.minus(FirstReplies.WINDOW);
		Instant until = now.plusMillis(1);
		Map<String, Instant> lastReplies = this.replies.lastByHand(appId, since, until);
		Set<String> held = new HashSet<>();
		this.holds.current(appId).stream().filter((hold) -> !hold.queued()).forEach((hold) -> held.add(hold.openId()));
		Set<String> asked = new HashSet<>(lastReplies.keySet());
		asked.addAll(held);
		// before the count, so that a user who writes meanwhile counts as waiting
		Map<String, Instant> lastMessages = this.conversations.lastArrivals(appId, since, until, asked);
		long notWaiting = lastMessages.entrySet()
			.stream()
			.filter((last) -> held.contains(last.getKey())
					|| !FirstReplies.stillWaits(last.getValue(), lastReplies.get(last.getKey())))
			.count();
		return (int) Math.max(0, this.conversations.writers(appId, since, until) - notWaiting);
	}

	private static Figures figures(int handed, List<Duration> waits, int replies) {
		return new Figures(handed, FirstReplies.percentile(waits, 50), FirstReplies.percentile(waits, 90), replies);
	}

}
