package dev.kefu;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A module's retention purge: deletes the module's rows that are past their retention, so
 * its tables do not grow for ever. Each module says in {@link #purge()} what is past
 * retention; this class runs it in the background and deletes in small batches.
 * <p>
 * Every instance purges, every {@code interval}, the first time after a random part of
 * it, so instances started together do not purge in step. Purging is idempotent:
 * instances that purge the same rows at once each delete what is still there, and a row
 * one of them already deleted is simply not found by the other.
 * <p>
 * A batch selects the keys of at most {@link #BATCH_SIZE} rows (a plain read that takes
 * no locks), then deletes those rows by key in one short transaction. Deleting by key
 * rather than by range with a {@code LIMIT} keeps MySQL and MariaDB from locking the gaps
 * of a range, where the hot path may be inserting; MySQL also forbids {@code LIMIT}
 * inside an {@code IN} subquery, hence two statements. Batches are a short pause apart,
 * so a large first purge does not monopolise the database the pushes are written to.
 */
public abstract class RetentionPurge extends BackgroundTask {

	private static final Logger logger = LoggerFactory.getLogger(RetentionPurge.class);

	/** Rows deleted per transaction: few locks, held briefly. */
	public static final int BATCH_SIZE = 500;

	private static final Duration PAUSE = Duration.ofMillis(50);

	private final String name;

	private final TransactionTemplate transactions;

	/**
	 * @param name what is purged, for the thread's name and log lines
	 * @param interval the delay between the end of one purge and the start of the next
	 * @param transactionManager runs each batch's delete in its own transaction
	 */
	protected RetentionPurge(String name, Duration interval, PlatformTransactionManager transactionManager) {
		super("kefu-purge-" + name.replace(' ', '-'), interval);
		this.name = name;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Deletes what is past retention now, and logs one INFO line if that was anything.
	 * Safe to call on several instances at once, and from a test.
	 */
	public abstract void purge();

	/**
	 * Deletes the rows of {@code table} that meet {@code condition}, in batches until
	 * none is left: selects the key of at most {@link #BATCH_SIZE} of them, then deletes
	 * those rows by key, in a transaction, if they still meet the condition (a row may
	 * have changed since it was selected).
	 * @param condition an SQL condition on the table's columns, with named parameters
	 * @param parameters the condition's parameters
	 * @param key the columns of the table's primary key
	 * @return the rows this call deleted (another instance purging at once may delete
	 * some of those selected here)
	 */
	protected final long deleteWhere(JdbcClient jdbc, String table, String condition, Map<String, ?> parameters,
			String... key) {
		String columns = String.join(", ", key);
		String keyOf = (key.length == 1) ? key[0] : "(" + columns + ")";
		RowMapper<Object> keys = (rs, row) -> {
			if (key.length == 1) {
				return rs.getString(1);
			}
			Object[] values = new Object[key.length];
			for (int i = 0; i < key.length; i++) {
				values[i] = rs.getString(i + 1);
			}
			return values;
		};
		String select = "SELECT " + columns + " FROM " + table + " WHERE " + condition + " LIMIT " + BATCH_SIZE;
		String delete = "DELETE FROM " + table + " WHERE " + keyOf + " IN (:keys) AND " + condition;
		long total = 0;
		while (true) {
			List<Object> found = jdbc.sql(select).params(parameters).query(keys).list();
			if (found.isEmpty()) {
				return total;
			}
			Integer deleted = this.transactions
				.execute((status) -> jdbc.sql(delete).params(parameters).param("keys", found).update());
			int count = (deleted != null) ? deleted : 0;
			total += count;
			// A short batch was the last one. A full batch that deleted nothing means
			// another
			// instance is purging the same rows; leave the rest to it (or to the next
			// run),
			// which also guarantees the loop ends.
			if (found.size() < BATCH_SIZE || count == 0 || !pause()) {
				return total;
			}
		}
	}

	private static boolean pause() {
		try {
			Thread.sleep(PAUSE.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			// stopping: the next start purges the rest
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	protected final void runOnce() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			// The rows stay until the next run; purging never affects what kefu answers.
			logger.warn("Could not purge {}: {}", this.name, ex.getMessage());
		}
	}

}
