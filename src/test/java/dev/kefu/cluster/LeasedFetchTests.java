package dev.kefu.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kefu.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link LeasedFetch} over a store in memory that several "instances" (fetches with their
 * own flights) share. The waits here bound the tests; they assert nothing about time.
 */
class LeasedFetchTests {

	/**
	 * Long enough that a test passing within it was woken by a release, not by the
	 * backoff.
	 */
	static final Duration NEVER = Duration.ofHours(1);

	final MutableClock clock = new MutableClock();

	final Store store = new Store();

	final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	LeasedFetch<String> instance(LeaseReleases releases, Duration maxWait) {
		return new LeasedFetch<>("test", Duration.ofSeconds(30), maxWait, releases, this.clock,
				(failure, key) -> "failed: " + failure);
	}

	@Test
	void callersOfOneKeyInOneInstanceWaitForOneFetchWithoutReadingTheStore() throws Exception {
		LeasedFetch<String> fetches = instance(new LeaseReleases(), NEVER);
		Future<String> leader = this.threads.submit(() -> fetches.get("k", this.store.slot("fetched")));
		this.store.fetching.await(30, TimeUnit.SECONDS);
		List<Future<String>> followers = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			followers.add(this.threads.submit(() -> fetches.get("k", this.store.slot("not fetched"))));
		}
		await().until(() -> fetches.followers("k") == 7);

		this.store.proceed.countDown();

		assertThat(leader.get(30, TimeUnit.SECONDS)).isEqualTo("fetched");
		for (Future<String> follower : followers) {
			assertThat(follower.get(30, TimeUnit.SECONDS)).isEqualTo("fetched");
		}
		assertThat(this.store.fetches).hasValue(1);
		assertThat(this.store.leases).as("only the leader tried the lease").hasValue(1);
		assertThat(this.store.finds).as("the leader's reads before and after the lease").hasValue(2);
	}

	@Test
	void anotherInstanceWaitsForTheLeaseUntilItsReleaseIsHeardThenReadsTheStoredValue() throws Exception {
		LeaseReleases[] bus = new LeaseReleases[2];
		bus[0] = new LeaseReleases((key) -> bus[1].heard(key), NEVER, NEVER);
		bus[1] = new LeaseReleases((key) -> bus[0].heard(key), NEVER, NEVER);
		LeasedFetch<String> first = instance(bus[0], NEVER);
		LeasedFetch<String> second = instance(bus[1], NEVER);
		Future<String> fetching = this.threads.submit(() -> first.get("k", this.store.slot("fetched")));
		this.store.fetching.await(30, TimeUnit.SECONDS);
		Future<String> waiting = this.threads.submit(() -> second.get("k", this.store.slot("not fetched")));
		await().until(() -> this.store.leases.get() == 2);

		this.store.proceed.countDown();

		assertThat(fetching.get(30, TimeUnit.SECONDS)).isEqualTo("fetched");
		assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo("fetched");
		assertThat(this.store.fetches).hasValue(1);
	}

	@Test
	void givesUpWhenAnotherInstanceKeepsTheLease() {
		this.store.proceed.countDown();
		this.store.slot("other").tryLease("another instance", this.clock.instant(), NEVER);
		LeasedFetch<String> fetches = instance(new LeaseReleases((key) -> {
		}, Duration.ofMillis(1), Duration.ofMillis(5)), Duration.ofMillis(20));

		assertThat(fetches.get("k", this.store.slot("fetched"))).isEqualTo("failed: LEASE_HELD");
		assertThat(this.store.fetches).hasValue(0);
	}

	@Test
	void aFetchThatStoredNothingGivesTheLeaseBackAndTheNextCallerFetchesAgain() {
		this.store.proceed.countDown();
		LeasedFetch<String> fetches = instance(new LeaseReleases(), NEVER);

		assertThat(fetches.get("k", this.store.failingSlot())).isEqualTo("source failed");
		assertThat(this.store.owner).isNull();
		assertThat(fetches.get("k", this.store.slot("fetched"))).isEqualTo("fetched");
		assertThat(this.store.fetches).hasValue(2);
	}

	@Test
	void aFetchThatThrowsThrowsInItsCallerAndLeavesTheLeaseFree() {
		this.store.proceed.countDown();
		LeasedFetch<String> fetches = instance(new LeaseReleases(), NEVER);

		assertThatIllegalStateException().isThrownBy(() -> fetches.get("k", this.store.throwingSlot()));
		assertThat(this.store.owner).isNull();
		assertThat(fetches.get("k", this.store.slot("fetched"))).isEqualTo("fetched");
	}

	@Test
	void aForgottenFetchIsNotJoinedByTheNextCaller() throws Exception {
		LeasedFetch<String> fetches = instance(new LeaseReleases(), NEVER);
		Future<String> leader = this.threads.submit(() -> fetches.get("k", this.store.slot("fetched")));
		this.store.fetching.await(30, TimeUnit.SECONDS);

		fetches.forget("k");
		Future<String> next = this.threads.submit(() -> fetches.get("k", this.store.slot("not fetched")));
		await().until(() -> this.store.leases.get() >= 2);
		this.store.proceed.countDown();

		assertThat(leader.get(30, TimeUnit.SECONDS)).isEqualTo("fetched");
		assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo("fetched");
		assertThat(fetches.followers("k")).isZero();
		assertThat(this.store.fetches).hasValue(1);
	}

	/**
	 * One key's value and lease, shared by every instance; counts what is asked of it.
	 */
	final class Store {

		final CountDownLatch fetching = new CountDownLatch(1);

		final CountDownLatch proceed = new CountDownLatch(1);

		final AtomicInteger finds = new AtomicInteger();

		final AtomicInteger leases = new AtomicInteger();

		final AtomicInteger fetches = new AtomicInteger();

		String value;

		String owner;

		Instant leasedUntil = Instant.MIN;

		Slot slot(String fetched) {
			return new Slot(() -> fetched, true);
		}

		Slot failingSlot() {
			return new Slot(() -> "source failed", false);
		}

		Slot throwingSlot() {
			return new Slot(() -> {
				throw new IllegalStateException("bug");
			}, true);
		}

		final class Slot implements LeasedFetch.Slot<String> {

			private final java.util.function.Supplier<String> source;

			private final boolean stores;

			Slot(java.util.function.Supplier<String> source, boolean stores) {
				this.source = source;
				this.stores = stores;
			}

			@Override
			public Optional<String> find() {
				synchronized (Store.this) {
					Store.this.finds.incrementAndGet();
					return Optional.ofNullable(Store.this.value);
				}
			}

			@Override
			public boolean tryLease(String owner, Instant now, Duration ttl) {
				synchronized (Store.this) {
					Store.this.leases.incrementAndGet();
					if (Store.this.owner != null && Store.this.leasedUntil.isAfter(now)) {
						return false;
					}
					Store.this.owner = owner;
					Store.this.leasedUntil = now.plus(ttl);
					return true;
				}
			}

			@Override
			public String fetch(String owner) {
				Store.this.fetches.incrementAndGet();
				Store.this.fetching.countDown();
				try {
					Store.this.proceed.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return "interrupted";
				}
				String fetched = this.source.get();
				synchronized (Store.this) {
					if (this.stores && owner.equals(Store.this.owner)) {
						Store.this.value = fetched;
						Store.this.owner = null;
					}
				}
				return fetched;
			}

			@Override
			public void release(String owner) {
				synchronized (Store.this) {
					if (owner.equals(Store.this.owner)) {
						Store.this.owner = null;
					}
				}
			}

		}

	}

}
