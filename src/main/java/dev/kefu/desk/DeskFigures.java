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
import dev.kefu.outbox.DeliveryStatus;
import dev.kefu.outbox.HandReplies;
import dev.kefu.rules.Holds;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The desk's figures for the dashboard, per app and per agent, for a period:
 * conversations handed to agents (users an agent claimed or answered), how many users
 * wait now, the median and 90th percentile of the time to the first reply by hand
 * ({@link FirstReplies}), and the replies by hand that were sent. Read from the audit,
 * the inbox and the outbox when asked; nothing is counted ahead.
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
		Map<String, Set<String>> handed = new HashMap<>();
		Set<String> handedInApp = new HashSet<>();
		this.jdbc
			.sql("SELECT DISTINCT actor, open_id FROM desk_audit WHERE app_id = ? AND acted_at >= ? AND acted_at < ? "
					+ "AND action IN ('CLAIM', 'REPLY')")
			.params(appId, from.toEpochMilli(), to.toEpochMilli())
			.query((rs, n) -> {
				handed.computeIfAbsent(rs.getString(1), (k) -> new HashSet<>()).add(rs.getString(2));
				return handedInApp.add(rs.getString(2));
			})
			.list();
		// a wait that ends in the period may have begun up to 48 hours before it
		List<FirstReplies.Event> events = events(appId, from.minus(FirstReplies.WINDOW), to);
		List<FirstReplies.Wait> waits = FirstReplies.waits(events, from);
		Map<String, Integer> sent = new HashMap<>();
		int sentInApp = 0;
		for (HandReplies.ByHand reply : this.replies.byHand(appId, from, to)) {
			if (reply.status() == DeliveryStatus.SENT) {
				sent.merge(reply.sentBy(), 1, Integer::sum);
				sentInApp++;
			}
		}
		Set<String> agents = new HashSet<>(handed.keySet());
		agents.addAll(sent.keySet());
		waits.forEach((wait) -> agents.add(wait.agent()));
		Map<String, Figures> byAgent = new TreeMap<>();
		for (String agent : agents) {
			List<Duration> theirs = waits.stream()
				.filter((w) -> w.agent().equals(agent))
				.map(FirstReplies.Wait::waited)
				.toList();
			byAgent.put(agent,
					figures(handed.getOrDefault(agent, Set.of()).size(), theirs, sent.getOrDefault(agent, 0)));
		}
		Figures app = figures(handedInApp.size(), waits.stream().map(FirstReplies.Wait::waited).toList(), sentInApp);
		return new Report(app, waitingNow(appId), byAgent);
	}

	private int waitingNow(String appId) {
		Instant now = this.clock.instant();
		Map<String, Instant> waiting = FirstReplies
			.waiting(events(appId, now.minus(FirstReplies.WINDOW), now.plusMillis(1)), now);
		// a user a rule queued for an agent still waits
		this.holds.current(appId)
			.stream()
			.filter((hold) -> !hold.queued())
			.forEach((hold) -> waiting.remove(hold.openId()));
		return waiting.size();
	}

	private List<FirstReplies.Event> events(String appId, Instant from, Instant to) {
		List<FirstReplies.Event> events = new ArrayList<>();
		this.conversations.arrivals(appId, from, to)
			.forEach((a) -> events.add(new FirstReplies.Event(a.openId(), a.receivedAt(), null)));
		this.replies.byHand(appId, from, to)
			.forEach((r) -> events.add(new FirstReplies.Event(r.openId(), r.createdAt(), r.sentBy())));
		return events;
	}

	private static Figures figures(int handed, List<Duration> waits, int replies) {
		return new Figures(handed, FirstReplies.percentile(waits, 50), FirstReplies.percentile(waits, 90), replies);
	}

}
