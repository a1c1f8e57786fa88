package dev.kefu;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table {@code item} with rows 1 and 2 in a fresh database, and two threads to lock
 * them in concurrent transactions. Every wait is bounded by {@link #WAIT_SECONDS};
 * closing stops the threads and the pool.
 */
final class LockingRows implements AutoCloseable {

	/** Bounds every wait; each database answers well within it. */
	static final long WAIT_SECONDS = 10;

	final JdbcTemplate jdbc;

	/**
	 * READ COMMITTED (the pool's), through a {@link JdbcTransactionManager} as kefu has
	 * it.
	 */
	final TransactionTemplate transactions;

	private final HikariDataSource pool;

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	LockingRows(HikariDataSource pool) {
		this.pool = pool;
		this.jdbc = new JdbcTemplate(pool);
		this.transactions = new TransactionTemplate(new JdbcTransactionManager(pool));
		try {
			this.jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY, amount INT NOT NULL)");
			this.jdbc.update("INSERT INTO item (id, amount) VALUES (1, 0), (2, 0)");
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** Locks a row for the rest of the current transaction by updating it. */
	void lock(int id) {
		this.jdbc.update("UPDATE item SET amount = amount + 1 WHERE id = ?", id);
	}

	Future<?> inTransactionOnAnotherThread(TransactionTemplate template, Runnable work) {
		return this.threads.submit(() -> template.executeWithoutResult((status) -> work.run()));
	}

	/**
	 * Of two transactions that conflict, one must commit and the other fail: its error.
	 */
	static Throwable onlyFailure(Future<?> one, Future<?> other) throws Exception {
		List<Throwable> failures = Stream.of(failure(one), failure(other)).filter(Objects::nonNull).toList();
		assertThat(failures).as("failures of the two transactions").hasSize(1);
		return failures.get(0);
	}

	/** The transaction's error, or {@code null} if it committed. */
	static Throwable failure(Future<?> transaction) throws Exception {
		try {
			transaction.get(WAIT_SECONDS, TimeUnit.SECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
	}

	static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the other transaction's turn").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
		this.pool.close();
	}

}
