package dev.kefu.inbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records accepted pushes durably, committing the pushes of concurrent requests together
 * (group commit): one writer thread drains whatever has queued up while the previous commit
 * ran and writes it in one transaction. A request thread waits for the commit that holds its
 * push, so WeChat is only ever told {@code success} about a push that is on disk; at low load a
 * batch is one push and nothing waits for company.
 * <p>
 * On the embedded H2 database a commit is not on disk until H2's store writes it (by default
 * up to half a second later; {@code WRITE_DELAY=0} writes at every commit of every
 * transaction, which costs more CPU than all the rest of a push). So after each batch the
 * writer asks H2 for a {@code CHECKPOINT}, which writes everything committed so far, and only
 * then are the requests answered: one write per batch instead of one per commit, and the
 * commits of the other modules ride along. A server database makes its commits durable itself.
 * <p>
 * De-duplication is an insert on a unique key. Keys already recorded are filtered with one
 * query per batch; a race with another instance sharing the database surfaces as a duplicate
 * key error, after which the batch is written again one push per transaction.
 */
@Component
class PushJournal implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PushJournal.class);

	private static final int MAX_BATCH = 256;

	private static final String INSERT = """
			INSERT INTO inbox_message (id, app_id, dedupe_key, msg_id, open_id, msg_type, event_type, content,
			    session_from, created_at, received_at, transferred)
			VALUES (:id, :appId, :dedupeKey, :msgId, :openId, :msgType, :event, :content,
			    :sessionFrom, :createdAt, :receivedAt, :transferred)""";

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8192);

	private volatile boolean running;

	private Thread writer;

	/** Whether commits need a {@code CHECKPOINT} to reach the file: an H2 file database. */
	private boolean checkpoint;

	PushJournal(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * Queues a push for the next commit.
	 * @return completes once the push is committed (or found already recorded); completes
	 * exceptionally if it could not be recorded, in which case WeChat must not be told success
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
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("Could not record {} pushes", batch.size(), ex);
				batch.forEach((pending) -> pending.result.completeExceptionally(ex));
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Pending> batch) {
		Map<Pending, Recorded> outcomes;
		try {
			outcomes = this.transactions.execute((status) -> writeTogether(batch));
		}
		catch (DuplicateKeyException ex) {
			// Another instance recorded one of these keys between our check and our insert.
			outcomes = new HashMap<>();
			for (Pending pending : batch) {
				outcomes.putAll(writeAlone(pending));
			}
		}
		if (this.checkpoint) {
			this.jdbc.getJdbcTemplate().execute("CHECKPOINT");
		}
		outcomes.forEach((pending, recorded) -> pending.result.complete(recorded));
	}

	private Map<Pending, Recorded> writeAlone(Pending pending) {
		try {
			return this.transactions.execute((status) -> writeTogether(List.of(pending)));
		}
		catch (DuplicateKeyException ex) {
			return Map.of(pending, recordedBefore(List.of(pending.push.dedupeKey()))
				.getOrDefault(pending.push.dedupeKey(), new Recorded(true, false)));
		}
	}

	private Map<Pending, Recorded> writeTogether(List<Pending> batch) {
		Map<Pending, Recorded> outcomes = new HashMap<>();
		Map<String, Recorded> known = recordedBefore(batch.stream().map((p) -> p.push.dedupeKey()).toList());
		List<AcceptedPush> fresh = new ArrayList<>(batch.size());
		Map<String, AcceptedPush> inThisBatch = new HashMap<>();
		for (Pending pending : batch) {
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
			this.jdbc.batchUpdate(INSERT, fresh.stream().map(PushJournal::parameters).toArray(SqlParameterSource[]::new));
			fresh.forEach((push) -> this.events.publishEvent(push.toEvent()));
		}
		return outcomes;
	}

	private Map<String, Recorded> recordedBefore(List<String> keys) {
		Map<String, Recorded> found = new HashMap<>();
		this.jdbc.query("SELECT dedupe_key, transferred FROM inbox_message WHERE dedupe_key IN (:keys)",
				Map.of("keys", keys),
				(rs) -> {
					found.put(rs.getString(1), new Recorded(true, rs.getBoolean(2)));
				});
		return found;
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
		this.checkpoint = isH2File();
		if (this.checkpoint) {
			try {
				this.jdbc.getJdbcTemplate().execute("CHECKPOINT");
			}
			catch (DataAccessException ex) {
				// H2 lets only an admin user checkpoint; without it no push could be acknowledged
				throw new IllegalStateException("spring.datasource.username: the embedded H2 database refused CHECKPOINT"
						+ " for this user, which kefu needs to make acknowledged pushes durable; use an admin user"
						+ " (such as the default sa)", ex);
			}
		}
		this.running = true;
		this.writer = new Thread(this::drain, "push-journal");
		this.writer.start();
	}

	private boolean isH2File() {
		String url = this.jdbc.getJdbcTemplate()
			.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData().getURL());
		return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
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
		// Start before and stop after the web server (graceful shutdown waits for requests that
		// wait for us); the DataSource outlives every lifecycle bean.
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	/** What became of a push: newly recorded, or recorded before (then answered the same way). */
	record Recorded(boolean duplicate, boolean transferred) {
	}

	private record Pending(AcceptedPush push, CompletableFuture<Recorded> result) {
	}

}
