package dev.kefu.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes a commit durable on an H2 file database before anything acts on it. H2 writes
 * commits to its file in the background (every {@code WRITE_DELAY} ms), so a
 * {@code kill -9} loses the last ones; {@code CHECKPOINT} writes everything committed so
 * far. Registered in a transaction, it runs first among the after-commit callbacks, so
 * the outbox starts sending (and the journal answers {@code success}) only once the push
 * and its deliveries are on disk. A server database makes commits durable itself: there
 * this does nothing.
 */
final class H2Checkpoint {

	private final DataSource dataSource;

	private volatile boolean enabled;

	H2Checkpoint(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Finds out whether the database is an H2 file, and whether this user may checkpoint
	 * it.
	 */
	void start() {
		try (Connection connection = this.dataSource.getConnection()) {
			String url = connection.getMetaData().getURL();
			this.enabled = url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot reach the database", ex);
		}
		if (this.enabled) {
			try {
				checkpoint();
			}
			catch (RuntimeException ex) {
				// H2 lets only an admin user checkpoint; without it no push could be
				// acknowledged
				throw new IllegalStateException(
						"spring.datasource.username: the embedded H2 database refused CHECKPOINT"
								+ " for this user, which kefu needs to make acknowledged pushes durable; use an admin user"
								+ " (such as the default sa)",
						ex);
			}
		}
	}

	/** In the current transaction: checkpoint right after it commits. */
	void afterCommit() {
		if (this.enabled) {
			TransactionSynchronizationManager.registerSynchronization(new Synchronization());
		}
	}

	private void checkpoint() {
		// A connection of its own: the transaction's connection is still bound while
		// after-commit callbacks run, and CHECKPOINT writes what every session committed.
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CHECKPOINT");
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("CHECKPOINT failed", ex);
		}
	}

	private final class Synchronization implements TransactionSynchronization {

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public void afterCommit() {
			checkpoint();
		}

	}

}
