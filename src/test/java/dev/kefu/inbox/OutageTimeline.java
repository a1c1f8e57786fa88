package dev.kefu.inbox;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What pushers and health checks saw around a database outage, and the assertions about
 * it: the database was cut off at {@code cutAt} (all its connections reset by
 * {@code cutDoneAt}) and reachable again from {@code restoredAt}. Times are
 * {@link System#nanoTime()}.
 */
record OutageTimeline(List<Sample> pushes, List<Sample> health, Sample healthAfter, long cutAt, long cutDoneAt,
		long restoredAt) {

	/**
	 * One HTTP exchange: when it was sent and answered, its status ({@code -1}: no
	 * answer) and body.
	 */
	record Sample(long sentAt, long answeredAt, int status, String body) {

		long millis() {
			return TimeUnit.NANOSECONDS.toMillis(this.answeredAt - this.sentAt);
		}

	}

	/**
	 * Every push sent from the cut on is answered within {@code limitMillis}; those
	 * answered before the restore are all 503 with a short reason; health says DOWN
	 * during the outage; a push is accepted again within {@code recoveryMillis} of the
	 * restore, health is UP again, and from a second after that first acceptance every
	 * push is accepted.
	 */
	void assertFailedFastAndRecovered(long limitMillis, long recoveryMillis) {
		List<Sample> fromCut = select((p) -> p.sentAt() >= this.cutAt);
		assertThat(fromCut).as("pushes sent from the cut on").allSatisfy((push) -> {
			assertThat(push.status()).as("answered at all").isNotEqualTo(-1);
			assertThat(push.millis()).as("answered within %d ms", limitMillis).isLessThanOrEqualTo(limitMillis);
		});
		List<Sample> outage = outage();
		assertThat(outage).as("pushes sent and answered while the database was gone")
			.hasSizeGreaterThanOrEqualTo(10)
			.allSatisfy((push) -> {
				assertThat(push.status()).as("refused, not acknowledged").isEqualTo(503);
				assertThat(push.body()).as("a short reason, no stack trace")
					.isNotBlank()
					.hasSizeLessThan(120)
					.doesNotContain("Exception", "\tat ", "\n");
			});
		assertThat(firstDown()).as("health DOWN (503) while the database was gone: %s", this.health).isPresent();
		Optional<Sample> accepted = firstAccepted();
		assertThat(accepted).as("a push accepted after the restore").isPresent();
		assertThat(sinceRestore(accepted.get())).as("ms from restore to the first acceptance")
			.isLessThanOrEqualTo(recoveryMillis);
		assertThat(this.healthAfter.status()).as("health after the restore: %s", this.healthAfter).isEqualTo(200);
		assertThat(this.healthAfter.body()).contains("UP");
		long settled = accepted.get().answeredAt() + TimeUnit.SECONDS.toNanos(1);
		assertThat(select((p) -> p.sentAt() >= settled)).as("pushes sent a second after recovery")
			.isNotEmpty()
			.allSatisfy((push) -> assertThat(push.status()).isEqualTo(200));
	}

	/** Sent after every connection was reset, answered before the database came back. */
	List<Sample> outage() {
		return select((p) -> p.sentAt() >= this.cutDoneAt && p.answeredAt() <= this.restoredAt);
	}

	Optional<Sample> firstDown() {
		return this.health.stream()
			.filter((h) -> h.sentAt() >= this.cutAt && h.answeredAt() <= this.restoredAt)
			.filter((h) -> h.status() == 503 && h.body().contains("DOWN"))
			.findFirst();
	}

	Optional<Sample> firstAccepted() {
		return this.pushes.stream()
			.filter((p) -> p.sentAt() >= this.restoredAt && p.status() == 200)
			.min(Comparator.comparingLong(Sample::answeredAt));
	}

	private List<Sample> select(Predicate<Sample> which) {
		return this.pushes.stream().filter(which).toList();
	}

	private long sinceCut(Sample sample) {
		return TimeUnit.NANOSECONDS.toMillis(sample.answeredAt() - this.cutAt);
	}

	private long sinceRestore(Sample sample) {
		return TimeUnit.NANOSECONDS.toMillis(sample.answeredAt() - this.restoredAt);
	}

	private static Map<Integer, Long> byStatus(List<Sample> samples) {
		return samples.stream().collect(Collectors.groupingBy(Sample::status, TreeMap::new, Collectors.counting()));
	}

	private static String latencies(List<Sample> samples) {
		long[] millis = samples.stream().mapToLong(Sample::millis).sorted().toArray();
		if (millis.length == 0) {
			return "none";
		}
		return "p50 " + millis[millis.length / 2] + " ms, max " + millis[millis.length - 1] + " ms";
	}

	@Override
	public String toString() {
		List<Sample> before = select((p) -> p.answeredAt() < this.cutAt);
		List<Sample> outage = outage();
		List<Sample> after = select((p) -> p.sentAt() >= this.restoredAt);
		Optional<Sample> first503 = this.pushes.stream()
			.filter((p) -> p.answeredAt() >= this.cutAt && p.status() == 503)
			.min(Comparator.comparingLong(Sample::answeredAt));
		return "before the cut " + byStatus(before) + "; outage " + byStatus(outage) + " (" + latencies(outage)
				+ "), first 503 " + first503.map((p) -> sinceCut(p) + " ms").orElse("never") + " after the cut"
				+ ", reason " + outage.stream().map(Sample::body).distinct().limit(3).toList() + "; health DOWN "
				+ firstDown().map((h) -> sinceCut(h) + " ms").orElse("never") + " after the cut (health samples "
				+ this.health.stream().map((h) -> h.status() + "/" + h.millis() + "ms").toList() + ")"
				+ "; after the restore " + byStatus(after) + " (" + latencies(after) + "), first accepted "
				+ firstAccepted().map((p) -> sinceRestore(p) + " ms").orElse("never") + " after, health then "
				+ this.healthAfter.status() + "; all from the cut on: "
				+ latencies(select((p) -> p.sentAt() >= this.cutAt));
	}

}
