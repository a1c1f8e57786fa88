package dev.kefu.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * One fetch at a time per key, across the threads of this instance and across instances,
 * of a value that is costly or rate-limited at its source (an access token, a media_id)
 * and shared through a store every instance reads (a database row or Redis, each with its
 * lease).
 * <ul>
 * <li>A caller whose key another thread of this instance is already fetching waits for
 * that thread's result: it neither polls nor touches the store.</li>
 * <li>The first caller reads the store; if the value is not there, it takes the key's
 * lease in the store, reads again (another instance may have stored it meanwhile),
 * fetches, and gives the lease back.</li>
 * <li>If another instance holds the lease, it waits for that lease to be given back
 * ({@link LeaseReleases}: at once when the release is heard, otherwise after a short
 * backoff) and reads again, for at most {@code maxWait}.</li>
 * </ul>
 * Thread-safe. {@link #get} blocks while a fetch or a wait is in progress: call it from
 * worker threads, never a request thread, and outside transactions.
 *
 * @param <R> what callers get: a value or a failure
 */
public final class LeasedFetch<R> {

	/** Why {@link #get} ended without the value. */
	public enum Failure {

		/** Another instance held the lease for all of {@code maxWait}. */
		LEASE_HELD,

		/** The waiting thread was interrupted. */
		INTERRUPTED

	}

	/**
	 * One key's place in the shared store: the value and the lease of the key. Each
	 * method is one atomic operation on the store.
	 */
	public interface Slot<R> {

		/** The stored value, as a result, if it may be used now. */
		Optional<R> find();

		/**
		 * Takes the lease for {@code owner} unless another owner holds one that lasts
		 * past {@code now}.
		 */
		boolean tryLease(String owner, Instant now, Duration ttl);

		/**
		 * Fetches the value from its source and stores it if {@code owner} still holds
		 * the lease (which storing gives back). Called holding the lease, after
		 * {@link #find} found nothing.
		 */
		R fetch(String owner);

		/**
		 * Gives the lease back if {@code owner} still holds it: after a fetch that stored
		 * nothing.
		 */
		void release(String owner);

	}

	private final String name;

	private final Duration leaseTtl;

	private final Duration maxWait;

	private final LeaseReleases releases;

	private final Clock clock;

	private final BiFunction<Failure, String, R> failure;

	private final Map<String, Flight<R>> inFlight = new ConcurrentHashMap<>();

	/**
	 * @param name what is fetched, unique among the fetches sharing {@code releases}
	 * @param leaseTtl how long a lease lasts: longer than a fetch may take, so that a
	 * live fetcher keeps it
	 * @param maxWait how long to wait for another instance's lease before giving up
	 * @param releases how waiters hear that a lease was given back
	 * @param clock the time leases are taken at
	 * @param failure the result for a failure, given the failure and the key
	 */
	public LeasedFetch(String name, Duration leaseTtl, Duration maxWait, LeaseReleases releases, Clock clock,
			BiFunction<Failure, String, R> failure) {
		this.name = name;
		this.leaseTtl = leaseTtl;
		this.maxWait = maxWait;
		this.releases = releases;
		this.clock = clock;
		this.failure = failure;
	}

	/**
	 * The value of {@code key}: from the store if there, else fetched by this caller, by
	 * another thread of this instance or by another instance. A fetch that throws throws
	 * in every caller that waited for it.
	 */
	public R get(String key, Slot<R> slot) {
		Flight<R> mine = new Flight<>(new CompletableFuture<>(), new AtomicInteger());
		Flight<R> running = this.inFlight.putIfAbsent(key, mine);
		if (running != null) {
			return join(key, running);
		}
		R result;
		try {
			result = lead(key, slot);
		}
		catch (RuntimeException | Error ex) {
			this.inFlight.remove(key, mine);
			mine.result().completeExceptionally(ex);
			throw ex;
		}
		this.inFlight.remove(key, mine);
		mine.result().complete(result);
		return result;
	}

	/**
	 * Lets the next caller of {@code key} start a fetch of its own instead of waiting for
	 * the one in progress, which may have read a value that was just found invalid.
	 */
	public void forget(String key) {
		this.inFlight.remove(key);
	}

	private R join(String key, Flight<R> running) {
		running.followers().incrementAndGet();
		try {
			return running.result().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.failure.apply(Failure.INTERRUPTED, key);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private R lead(String key, Slot<R> slot) {
		String leaseKey = this.name + ":" + key;
		long deadline = System.nanoTime() + this.maxWait.toNanos();
		for (int attempt = 0;; attempt++) {
			Optional<R> stored = slot.find();
			if (stored.isPresent()) {
				return stored.get();
			}
			LeaseReleases.Release release = this.releases.expect(leaseKey);
			String owner = UUID.randomUUID().toString();
			if (slot.tryLease(owner, this.clock.instant(), this.leaseTtl)) {
				return fetchHolding(leaseKey, slot, owner);
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return this.failure.apply(Failure.LEASE_HELD, key);
			}
			if (!release.await(attempt, remaining)) {
				return this.failure.apply(Failure.INTERRUPTED, key);
			}
		}
	}

	private R fetchHolding(String leaseKey, Slot<R> slot, String owner) {
		try {
			// Another instance may have stored the value between the read and the lease.
			Optional<R> stored = slot.find();
			return stored.isPresent() ? stored.get() : slot.fetch(owner);
		}
		finally {
			slot.release(owner);
			this.releases.released(leaseKey);
		}
	}

	/**
	 * How many callers wait for the fetch of {@code key} in progress in this instance,
	 * for tests.
	 */
	int followers(String key) {
		Flight<R> flight = this.inFlight.get(key);
		return (flight != null) ? flight.followers().get() : 0;
	}

	/**
	 * A fetch in progress in this instance: its result, and how many other callers wait
	 * for it.
	 */
	private record Flight<R>(CompletableFuture<R> result, AtomicInteger followers) {
	}

}
