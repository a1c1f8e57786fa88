package dev.kefu.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long users waited for an agent: a user waits from their first message that no agent
 * has answered yet until the next reply by hand to them (the rules' replies do not end a
 * wait). A wait longer than WeChat's 48-hour window ends unanswered. Pure: given the
 * messages and the replies by hand, oldest first.
 */
final class FirstReplies {

	/** Longer than this, a wait can no longer end in a reply. */
	static final Duration WINDOW = Duration.ofHours(48);

	/**
	 * A wait that ended in a reply by hand.
	 *
	 * @param openId the user
	 * @param agent who answered
	 * @param answeredAt when
	 * @param waited how long after the first unanswered message
	 */
	record Wait(String openId, String agent, Instant answeredAt, Duration waited) {
	}

	/** A message of a user, or a reply by hand to them. */
	record Event(String openId, Instant at, String agent) {

		boolean reply() {
			return this.agent != null;
		}

	}

	private FirstReplies() {
	}

	/**
	 * The waits that ended in a reply at or after {@code from}, in the order they ended.
	 */
	static List<Wait> waits(List<Event> events, Instant from) {
		Map<String, Instant> waitingSince = new HashMap<>();
		List<Wait> waits = new ArrayList<>();
		for (Event event : ordered(events)) {
			if (!event.reply()) {
				waitingSince.putIfAbsent(event.openId(), event.at());
				continue;
			}
			Instant since = waitingSince.remove(event.openId());
			if (since != null && !event.at().isBefore(from)) {
				Duration waited = Duration.between(since, event.at());
				if (waited.compareTo(WINDOW) <= 0) {
					waits.add(new Wait(event.openId(), event.agent(), event.at(), waited));
				}
			}
		}
		return waits;
	}

	/**
	 * Whether a user still waits whose last message came at {@code lastMessage} and last
	 * reply by hand at {@code lastReply} ({@code null} for none), both within the window:
	 * a reply of the same moment answers the message.
	 */
	static boolean stillWaits(Instant lastMessage, Instant lastReply) {
		return lastReply == null || lastReply.isBefore(lastMessage);
	}

	/**
	 * The value below which {@code percent} of the durations lie (nearest rank);
	 * {@code null} for none.
	 */
	static Duration percentile(List<Duration> durations, int percent) {
		if (durations.isEmpty()) {
			return null;
		}
		List<Duration> sorted = durations.stream().sorted().toList();
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

	/** By time; a message before a reply of the same moment (the reply answers it). */
	private static List<Event> ordered(List<Event> events) {
		return events.stream().sorted(Comparator.comparing(Event::at).thenComparing(Event::reply)).toList();
	}

}
