package dev.kefu.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.kefu.FakeWeChat;

/**
 * What WeChat received for pushes that each deserve exactly one reply, around the moment
 * one of two instances was killed. All times are {@link System#nanoTime()} of the test
 * JVM.
 *
 * @param acknowledged pushes answered {@code success} by at least one instance
 * @param answered acknowledged pushes whose user got at least one reply
 * @param unanswered users of acknowledged pushes who got no reply
 * @param unansweredBeforeKill how many of those were acknowledged before the kill
 * @param inFlightDuplicates users who got two replies, the first sent before the kill and
 * the second after it: a send WeChat accepted from the killed instance whose outcome
 * never reached the database, so the survivor sent it again. At-least-once sending allows
 * this, once per send in flight at the kill
 * @param otherDuplicates users who got more than one reply in any other way: never
 * allowed
 * @param answeredAfterKill acknowledged pushes whose first reply came after the kill
 * @param maxTakeover of those acknowledged before the kill, the longest time from the
 * kill to the first reply: for a push the killed instance held, how long its takeover
 * took
 * @param maxWaitAfterKill of those acknowledged after the kill, the longest time from the
 * acknowledgement to the first reply (the survivor's own pace, or a takeover if the
 * killed instance had recorded the push just before it died)
 */
record ReplyAudit(int acknowledged, int answered, List<String> unanswered, int unansweredBeforeKill,
		Map<String, List<Long>> inFlightDuplicates, Map<String, List<Long>> otherDuplicates, int answeredAfterKill,
		Duration maxTakeover, Duration maxWaitAfterKill) {

	/**
	 * How long after the kill a send from the killed instance may still be recorded by
	 * the fake WeChat (its request was already on the socket when the process died).
	 */
	static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(2);

	/**
	 * @param acknowledged each acknowledged user with the time of the first
	 * {@code success}
	 * @param sent every send the fake WeChat accepted
	 * @param isLoadUser which users are the load's (others, such as probes, are ignored)
	 * @param killedAt when the killed instance was gone
	 */
	static ReplyAudit of(Map<String, Long> acknowledged, List<FakeWeChat.Sent> sent, Predicate<String> isLoadUser,
			long killedAt) {
		Map<String, List<Long>> sendsByUser = sent.stream()
			.filter((send) -> isLoadUser.test(send.openId()))
			.collect(Collectors.groupingBy(FakeWeChat.Sent::openId, TreeMap::new,
					Collectors.mapping(FakeWeChat.Sent::nanoTime, Collectors.toList())));
		sendsByUser.values().forEach((times) -> times.sort(null));
		List<String> unanswered = new ArrayList<>();
		int unansweredBeforeKill = 0;
		int answeredAfterKill = 0;
		long maxTakeover = 0;
		long maxWaitAfterKill = 0;
		for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
			List<Long> times = sendsByUser.get(ack.getKey());
			boolean ackedBeforeKill = ack.getValue() <= killedAt;
			if (times == null) {
				unanswered.add(ack.getKey());
				unansweredBeforeKill += ackedBeforeKill ? 1 : 0;
			}
			else if (times.get(0) > killedAt) {
				answeredAfterKill++;
				if (ackedBeforeKill) {
					maxTakeover = Math.max(maxTakeover, times.get(0) - killedAt);
				}
				else {
					maxWaitAfterKill = Math.max(maxWaitAfterKill, times.get(0) - ack.getValue());
				}
			}
		}
		unanswered.sort(null);
		Map<String, List<Long>> inFlight = new TreeMap<>();
		Map<String, List<Long>> other = new TreeMap<>();
		sendsByUser.forEach((user, times) -> {
			if (times.size() == 2 && times.get(0) <= killedAt + IN_FLIGHT_GRACE.toNanos() && times.get(1) > killedAt) {
				inFlight.put(user, times);
			}
			else if (times.size() > 1) {
				other.put(user, times);
			}
		});
		return new ReplyAudit(acknowledged.size(), acknowledged.size() - unanswered.size(), unanswered,
				unansweredBeforeKill, inFlight, other, answeredAfterKill, Duration.ofNanos(maxTakeover),
				Duration.ofNanos(maxWaitAfterKill));
	}

	/** Whether every acknowledged push has been answered. */
	boolean complete() {
		return this.unanswered.isEmpty();
	}

	/** The longest any acknowledged push answered after the kill waited for its reply. */
	Duration maxWait() {
		return (this.maxTakeover.compareTo(this.maxWaitAfterKill) > 0) ? this.maxTakeover : this.maxWaitAfterKill;
	}

	/**
	 * The duplicates as {@code user: +0.12 s, +10.40 s} (send times relative to the
	 * kill), one per line.
	 */
	static String describe(Map<String, List<Long>> duplicates, long killedAt) {
		return duplicates.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ": "
					+ entry.getValue()
						.stream()
						.map((time) -> String.format("%+.2f s", (time - killedAt) / 1e9))
						.collect(Collectors.joining(", ")))
			.collect(Collectors.joining("\n  ", "  ", ""));
	}

	@Override
	public String toString() {
		return String
			.format("%d acknowledged, %d answered, %d unanswered (%d acknowledged before the kill), %d duplicates "
					+ "(%d in flight at the kill, %d unexplained), %d answered after the kill: max takeover latency "
					+ "%.1f s, max wait of pushes acknowledged after the kill %.1f s", this.acknowledged, this.answered,
					this.unanswered.size(), this.unansweredBeforeKill,
					this.inFlightDuplicates.size() + this.otherDuplicates.size(), this.inFlightDuplicates.size(),
					this.otherDuplicates.size(), this.answeredAfterKill, this.maxTakeover.toMillis() / 1e3,
					this.maxWaitAfterKill.toMillis() / 1e3);
	}

}
