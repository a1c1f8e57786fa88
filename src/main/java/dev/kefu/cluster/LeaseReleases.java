package dev.kefu.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Tells the callers of {@link LeasedFetch} that wait for another owner's lease that it
 * was given back, so that they read the store again at once instead of on a timer.
 * <p>
 * A release is heard at once in this instance and, when Redis is configured, in every
 * instance (a message on the channel {@value #CHANNEL}, whose body is the lease's key,
 * heard through {@link LeaseReleasesSubscription}). Without Redis, or should a message be
 * lost, a waiter reads again after a backoff that starts at 25 ms and doubles up to 400
 * ms: only a caller waiting for another instance ever waits that way.
 * <p>
 * Thread-safe.
 */
public final class LeaseReleases {

	/** The Redis channel releases are announced on. */
	public static final String CHANNEL = "kefu:lease-released";

	private static final Logger logger = LoggerFactory.getLogger(LeaseReleases.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(25);

	private static final Duration MAX_BACKOFF = Duration.ofMillis(400);

	private final Map<String, CompletableFuture<Void>> expected = new ConcurrentHashMap<>();

	private final Consumer<String> broadcast;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

	/**
	 * Releases heard in this instance only: other instances' are noticed after the
	 * backoff.
	 */
	public LeaseReleases() {
		this((key) -> {
		}, FIRST_BACKOFF, MAX_BACKOFF);
	}

	LeaseReleases(Consumer<String> broadcast, Duration firstBackoff, Duration maxBackoff) {
		this.broadcast = broadcast;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Releases announced to every instance through Redis; {@link #listener()} must be
	 * subscribed to {@link #CHANNEL} for this instance to hear the others'.
	 */
	public static LeaseReleases overRedis(StringRedisTemplate redis) {
		return overRedis(redis, FIRST_BACKOFF, MAX_BACKOFF);
	}

	static LeaseReleases overRedis(StringRedisTemplate redis, Duration firstBackoff, Duration maxBackoff) {
		// Announced from a thread of its own, so that a slow or unreachable Redis never
		// holds up
		// the fetch that gave the lease back; should the queue fill, waiters fall back on
		// the backoff.
		ThreadPoolExecutor announcer = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(1024), (task) -> {
					Thread thread = new Thread(task, "kefu-lease-announce");
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.DiscardPolicy());
		announcer.allowCoreThreadTimeOut(true);
		return new LeaseReleases((key) -> announcer.execute(() -> announce(redis, key)), firstBackoff, maxBackoff);
	}

	private static void announce(StringRedisTemplate redis, String key) {
		try {
			redis.convertAndSend(CHANNEL, key);
		}
		catch (RuntimeException ex) {
			// The waiters elsewhere read again after their backoff.
			logger.warn("Could not announce the release of lease {}: {}", key, ex.toString());
		}
	}

	/** What hears the releases other instances announce on {@link #CHANNEL}. */
	public MessageListener listener() {
		return (message, pattern) -> heard(new String(message.getBody(), StandardCharsets.UTF_8));
	}

	/**
	 * A wait for the release of {@code key}. Taken before the lease is tried, so that a
	 * release between a failed try and the wait is not missed.
	 */
	Release expect(String key) {
		return new Release(this.expected.computeIfAbsent(key, (k) -> new CompletableFuture<>()));
	}

	/**
	 * Wakes whoever waits for {@code key} here at once and, with Redis, announces the
	 * release to the other instances without waiting for Redis.
	 */
	void released(String key) {
		heard(key);
		this.broadcast.accept(key);
	}

	/**
	 * Wakes whoever waits here for {@code key}: a release made here or announced by
	 * another instance.
	 */
	void heard(String key) {
		CompletableFuture<Void> release = this.expected.remove(key);
		if (release != null) {
			release.complete(null);
		}
	}

	/** One wait for a release; see {@link #expect}. */
	final class Release {

		private final CompletableFuture<Void> heard;

		private Release(CompletableFuture<Void> heard) {
			this.heard = heard;
		}

		/**
		 * Waits until the release is heard, or for the backoff of the {@code attempt}th
		 * wait, or {@code remainingNanos}, whichever ends first.
		 * @return {@code false} if the thread was interrupted
		 */
		boolean await(int attempt, long remainingNanos) {
			long backoff = LeaseReleases.this.firstBackoff.toNanos() << Math.min(attempt, 20);
			long wait = Math.min(Math.min(backoff, LeaseReleases.this.maxBackoff.toNanos()), remainingNanos);
			try {
				this.heard.get(wait, TimeUnit.NANOSECONDS);
				return true;
			}
			catch (TimeoutException ex) {
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
