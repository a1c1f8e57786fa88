package dev.kefu.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.kefu.TransientDatabaseErrors;
import dev.kefu.inbox.ReplayCache.ReplayKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records accepted pushes durably and plans their answers in the same transaction,
 * committing the pushes of concurrent requests together (group commit): one writer thread
 * drains whatever has queued up while the previous commit ran and writes it in one
 * transaction. A request thread waits for the commit that holds its push, so WeChat is
 * only ever told {@code success} about a push that is on disk.
 * <p>
 * <b>The hand-off.</b> For each newly recorded push the journal publishes
 * {@link MessageReceived} synchronously, inside the recording transaction: the rules
 * decide and the outbox stores the deliveries right there. So the push, its decision and
 * its deliveries commit together or not at all, and no state exists that only this
 * process knows about: once {@code success} is sent, the delivery rows are the only work
 * left, and any instance can take them over. A push whose planning fails for a reason
 * other than the database (a bug, a broken rule) is still recorded, with its failure in
 * {@link UnplannedMessages}, which retries it with backoff and reports it when it gives
 * up; it is never dropped silently.
 * <p>
 * <b>Replays.</b> Before anything is recorded, the batch's signatures are looked up in
 * the {@link ReplayCache} in one query. A push whose signature was accepted with another
 * body (or with a URL check) is not recorded: it completes as
 * {@link Recorded#replayed()}, and is refused. The signatures not seen before are
 * inserted with the batch, so they commit exactly with the pushes they came with, also
 * those answered as duplicates.
 * <p>
 * <b>Errors.</b> A batch that fails (a duplicate from another instance, a conflict, a
 * failed plan) is rolled back and written again one push per transaction. A push that
 * then meets a duplicate key (its message or its signature, recorded by another instance
 * meanwhile) is written once more, and finds the other's rows. Conflicts (deadlock,
 * serialization failure, lock timeout) are retried a few times at once; when the database
 * is out of reach the batch fails and its requests are answered 503, so WeChat sends them
 * again.
 * <p>
 * <b>Lock order.</b> Signatures are inserted in key order, then pushes in de-duplication
 * key order, and planned in user order, so two instances writing overlapping batches take
 * row locks in the same order.
 * <p>
 * <b>Durability on H2.</b> An H2 file database writes commits to its file in the
 * background, so after each commit the journal asks H2 for a {@code CHECKPOINT}
 * ({@link H2Checkpoint}), before the outbox starts sending and before the requests are
 * answered: one file write per batch.
 */
@Component
class PushJournal implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PushJournal.class);

	private static final int MAX_BATCH = 256;

	/**
	 * A batch smaller than this waits up to {@link #GATHER} for company before it is
	 * written.
	 */
	private static final int GATHER_BELOW = 8;

	private static final Duration GATHER = Duration.ofMillis(1);

	/** Attempts of one push's transaction when it keeps losing conflicts with others. */
	private static final int CONFLICT_ATTEMPTS = 4;

	private static final String INSERT = """
			INSERT INTO inbox_message (id, app_id, dedupe_key, msg_id, open_id, msg_type, event_type, content,
			    session_from, created_at, received_at, transferred)
			VALUES (:id, :appId, :dedupeKey, :msgId, :openId, :msgType, :event, :content,
			    :sessionFrom, :createdAt, :receivedAt, :transferred)""";

	private static final Comparator<AcceptedPush> USER_ORDER = Comparator.comparing(AcceptedPush::appId)
		.thenComparing(AcceptedPush::openId)
		.thenComparing(AcceptedPush::id);

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final UnplannedMessages unplanned;

	private final ReplayCache replays;

	private final H2Checkpoint checkpoint;

	private final Clock clock;

	private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8192);

	private volatile boolean running;

	private Thread writer;

	PushJournal(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, ApplicationEventPublisher events,
			UnplannedMessages unplanned, ReplayCache replays, DataSource dataSource, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
		this.unplanned = unplanned;
		this.replays = replays;
		this.checkpoint = new H2Checkpoint(dataSource);
		this.clock = clock;
	}

	/**
	 * Queues a push for the next commit.
	 * @return completes once the push is committed (or found already recorded); completes
	 * exceptionally if it could not be recorded, in which case WeChat must not be told
	 * success
	 */
	CompletableFuture<Recorded> record(AcceptedPush push) {
		Pending pending = new Pending(push, new CompletableFuture<>());
		if (!this.running || !this.queue.offer(pending)) {
			pending.result.completeExceptionally(new IllegalStateException("push journal is not accepting pushes"));
		}
		return pending.result;
	}

	private void drain() {
		List<Pending> batch = new ArrayList<>(MAX_BATCH);
		while (this.running || !this.queue.isEmpty()) {
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, MAX_BATCH - 1);
				if (batch.size() < GATHER_BELOW) {
					// A commit (and on H2 its checkpoint) costs about the same for one
					// push as for
					// many: at moderate rates, wait a moment for the pushes already on
					// their way.
					Pending next = this.queue.poll(GATHER.toNanos(), TimeUnit.NANOSECONDS);
					if (next != null) {
						batch.add(next);
						this.queue.drainTo(batch, MAX_BATCH - batch.size());
					}
				}
				// a push whose request gave up waiting was refused: WeChat sends it again
				batch.removeIf((pending) -> pending.result.isDone());
				if (!batch.isEmpty()) {
					write(batch);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Could not record {} pushes: {}", batch.size(), ex.toString());
				batch.forEach((pending) -> pending.result.completeExceptionally(ex));
				if (TransientDatabaseErrors.isOutage(ex)) {
					// Whatever queued meanwhile would wait for the same missing database:
					// refuse
					// it now rather than one batch per connection timeout.
					List<Pending> waiting = new ArrayList<>();
					this.queue.drainTo(waiting);
					waiting.forEach((pending) -> pending.result.completeExceptionally(ex));
				}
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Pending> batch) throws InterruptedException {
		Map<Pending, Recorded> outcomes;
		try {
			outcomes = this.transactions.execute((status) -> writeTogether(batch, true));
		}
		catch (RuntimeException ex) {
			if (TransientDatabaseErrors.isOutage(ex)) {
				throw ex;
			}
			// A duplicate recorded by another instance, a conflict, or a plan that
			// failed: the
			// batch is rolled back; each push gets a transaction of its own.
			log.debug("Writing {} pushes one by one after: {}", batch.size(), ex.toString());
			outcomes = new HashMap<>();
			for (Pending pending : batch) {
				try {
					outcomes.put(pending, writeAlone(pending, (batch.size() == 1) ? ex : null));
				}
				catch (RuntimeException alone) {
					log.warn("Could not record a push of app {}: {}", pending.push.appId(), alone.toString());
					pending.result.completeExceptionally(alone);
				}
			}
		}
		outcomes.forEach((pending, recorded) -> pending.result.complete(recorded));
	}

	/**
	 * Writes one push in a transaction of its own.
	 * @param failed how the push's last transaction failed, if it was written alone
	 * already (a batch of one), so that the same work is not done again before the
	 * failure is judged
	 */
	private Recorded writeAlone(Pending pending, RuntimeException failed) throws InterruptedException {
		List<Pending> one = List.of(pending);
		RuntimeException last = failed;
		for (int attempt = 1;; attempt++) {
			if (last == null) {
				try {
					return this.transactions.execute((status) -> writeTogether(one, true)).get(pending);
				}
				catch (RuntimeException ex) {
					last = ex;
				}
			}
			if (last instanceof DuplicateKeyException) {
				if (attempt < CONFLICT_ATTEMPTS) {
					// Another instance committed the same push or signature, or a row of
					// its plan
					// (a new user's allowance): the next attempt finds its rows and
					// answers as it
					// did (or refuses another body).
					last = null;
					continue;
				}
				Recorded before = foundBefore(pending.push);
				if (before != null) {
					return before;
				}
				throw last; // never answered as recorded: it is not
			}
			if (TransientDatabaseErrors.isOutage(last)) {
				throw last;
			}
			if (TransientDatabaseErrors.isConflict(last)) {
				if (attempt >= CONFLICT_ATTEMPTS) {
					throw last;
				}
				// the writer thread, not a request thread, waits: a few ms for the other
				// side to commit
				Thread.sleep(5L * attempt);
				last = null;
				continue;
			}
			// Planning failed for a reason a retry right now will not cure: record the
			// push
			// without its plan, and leave the plan to UnplannedMessages.
			log.warn("Could not plan the reply to a push of app {}, will retry: {}", pending.push.appId(),
					last.toString());
			String reason = last.getClass().getSimpleName() + ": " + last.getMessage();
			return this.transactions.execute((status) -> {
				Map<Pending, Recorded> outcome = writeTogether(one, false);
				if (outcome.get(pending).isNew()) {
					this.unplanned.add(pending.push, reason, this.clock.instant());
				}
				return outcome;
			}).get(pending);
		}
	}

	/**
	 * Records the batch's new pushes and, if {@code plan}, plans their answers by
	 * publishing {@link MessageReceived} to the listeners that run in this transaction.
	 */
	private Map<Pending, Recorded> writeTogether(List<Pending> batch, boolean plan) {
		this.checkpoint.afterCommit();
		Map<Pending, Recorded> outcomes = new HashMap<>();
		// signature -> body hash, as remembered before and as this batch's pushes add
		// them
		List<String> keyHashes = batch.stream()
			.map((p) -> p.push.replay())
			.filter(Objects::nonNull)
			.map(ReplayKey::keyHash)
			.distinct()
			.toList();
		Map<String, String> signatures = keyHashes.isEmpty() ? new HashMap<>()
				: this.replays.bodyHashes(paddedToPowerOfTwo(keyHashes));
		List<ReplayKey> newSignatures = new ArrayList<>(keyHashes.size());
		List<Pending> genuine = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			ReplayKey replay = pending.push.replay();
			if (replay == null) {
				genuine.add(pending); // nothing to remember (encrypted, or no clock
										// check)
				continue;
			}
			String bodyHash = signatures.putIfAbsent(replay.keyHash(), replay.bodyHash());
			if (bodyHash == null) {
				newSignatures.add(replay);
				genuine.add(pending);
			}
			else if (bodyHash.equals(replay.bodyHash())) {
				genuine.add(pending);
			}
			else {
				outcomes.put(pending, Recorded.REPLAYED);
			}
		}
		if (!newSignatures.isEmpty()) {
			this.replays.insert(newSignatures);
		}
		if (genuine.isEmpty()) {
			return outcomes;
		}
		Map<String, Recorded> known = recordedBefore(genuine.stream().map((p) -> p.push.dedupeKey()).toList());
		List<AcceptedPush> fresh = new ArrayList<>(genuine.size());
		Map<String, AcceptedPush> inThisBatch = new HashMap<>();
		for (Pending pending : genuine) {
			AcceptedPush push = pending.push;
			Recorded earlier = known.get(push.dedupeKey());
			AcceptedPush twin = inThisBatch.putIfAbsent(push.dedupeKey(), push);
			if (earlier != null) {
				outcomes.put(pending, earlier);
			}
			else if (twin != null) {
				outcomes.put(pending, new Recorded(true, twin.transferred()));
			}
			else {
				fresh.add(push);
				outcomes.put(pending, new Recorded(false, push.transferred()));
			}
		}
		if (!fresh.isEmpty()) {
			fresh.sort(Comparator.comparing(AcceptedPush::dedupeKey));
			this.jdbc.batchUpdate(INSERT,
					fresh.stream().map(PushJournal::parameters).toArray(SqlParameterSource[]::new));
			if (plan) {
				fresh.sort(USER_ORDER);
				fresh.forEach((push) -> this.events.publishEvent(push.toEvent()));
			}
		}
		return outcomes;
	}

	/**
	 * What became of a push whose every attempt met a duplicate key, read without
	 * writing: refused if its signature is remembered with another body, otherwise
	 * recorded before.
	 */
	private Recorded foundBefore(AcceptedPush push) {
		ReplayKey replay = push.replay();
		String bodyHash = (replay != null) ? this.replays.bodyHashes(List.of(replay.keyHash())).get(replay.keyHash())
				: null;
		if (bodyHash != null && !bodyHash.equals(replay.bodyHash())) {
			return Recorded.REPLAYED;
		}
		return recordedBefore(List.of(push.dedupeKey())).get(push.dedupeKey());
	}

	private Map<String, Recorded> recordedBefore(List<String> keys) {
		Map<String, Recorded> found = new HashMap<>();
		this.jdbc.query("SELECT dedupe_key, transferred FROM inbox_message WHERE dedupe_key IN (:keys)",
				Map.of("keys", paddedToPowerOfTwo(keys)), (rs) -> {
					found.put(rs.getString(1), new Recorded(true, rs.getBoolean(2)));
				});
		return found;
	}

	/**
	 * The keys, the last one repeated up to a power of two: each list length is a
	 * statement of its own, and databases keep plans (H2) or server-side statements
	 * (PostgreSQL) per statement, so a handful of lengths are reused where up to
	 * {@value #MAX_BATCH} would crowd each other out.
	 */
	static List<String> paddedToPowerOfTwo(List<String> keys) {
		int size = Integer.highestOneBit(Math.max(1, keys.size()));
		if (size == keys.size()) {
			return keys;
		}
		List<String> padded = new ArrayList<>(size << 1);
		padded.addAll(keys);
		String last = keys.get(keys.size() - 1);
		while (padded.size() < (size << 1)) {
			padded.add(last);
		}
		return padded;
	}

	private static SqlParameterSource parameters(AcceptedPush push) {
		return new MapSqlParameterSource().addValue("id", push.id())
			.addValue("appId", push.appId())
			.addValue("dedupeKey", push.dedupeKey())
			.addValue("msgId", push.msgId())
			.addValue("openId", push.openId())
			.addValue("msgType", push.msgType())
			.addValue("event", push.event())
			.addValue("content", push.content())
			.addValue("sessionFrom", push.sessionFrom())
			.addValue("createdAt", push.createTime() * 1000)
			.addValue("receivedAt", push.receivedAt().toEpochMilli())
			.addValue("transferred", push.transferred());
	}

	@Override
	public void start() {
		this.checkpoint.start();
		this.running = true;
		this.writer = new Thread(this::drain, "push-journal");
		this.writer.start();
	}

	@Override
	public void stop() {
		// Stop taking pushes, then let the writer commit what is already queued.
		this.running = false;
		try {
			this.writer.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Start before and stop after the web server (graceful shutdown waits for
		// requests that
		// wait for us), which starts and stops one step below its graceful shutdown; and
		// inside
		// the outbox's sender phase, which sends what we planned.
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 3072;
	}

	/**
	 * What became of a push: newly recorded, recorded before (then answered the same
	 * way), or not recorded because its signature was accepted before with another body
	 * ({@code replayed}).
	 */
	record Recorded(boolean duplicate, boolean transferred, boolean replayed) {

		static final Recorded REPLAYED = new Recorded(false, false, true);

		Recorded(boolean duplicate, boolean transferred) {
			this(duplicate, transferred, false);
		}

		boolean isNew() {
			return !this.duplicate && !this.replayed;
		}

	}

	private record Pending(AcceptedPush push, CompletableFuture<Recorded> result) {
	}

}
