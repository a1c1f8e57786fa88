package dev.kefu;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells the database errors that a retry can cure from those it cannot, the same way on
 * H2, PostgreSQL and MySQL/MariaDB. Two kinds are transient:
 * <ul>
 * <li>{@link #isConflict conflicts}: a deadlock victim, a serialization failure, a lock
 * wait that timed out. The transaction was rolled back as a whole (InnoDB drops its
 * savepoints too), so the whole unit of work is tried again, at once or after a few
 * milliseconds;</li>
 * <li>{@link #isOutage outages}: no connection could be had, or it broke. Retrying at
 * once does not help; the caller gives up quickly and lets the work come back later.</li>
 * </ul>
 * Spring translates most vendor codes already; the SQL states and MySQL error numbers are
 * checked as well because a rollback that fails after the original error (InnoDB's
 * "SAVEPOINT does not exist") hides the translated exception behind a
 * {@link TransactionSystemException}.
 */
public final class TransientDatabaseErrors {

	private TransientDatabaseErrors() {
	}

	/**
	 * A conflict with another transaction: trying the unit of work again is expected to
	 * succeed.
	 */
	public static boolean isConflict(Throwable error) {
		for (Throwable cause = error; cause != null; cause = next(cause)) {
			if (cause instanceof ConcurrencyFailureException) {
				return true;
			}
			if (cause instanceof SQLException sql && conflictState(sql)) {
				return true;
			}
		}
		return false;
	}

	/** The database could not be reached or the connection broke. */
	public static boolean isOutage(Throwable error) {
		for (Throwable cause = error; cause != null; cause = next(cause)) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof RecoverableDataAccessException || cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
		}
		return false;
	}

	/** Either kind: the work is worth doing again later. */
	public static boolean isTransient(Throwable error) {
		if (isConflict(error) || isOutage(error)) {
			return true;
		}
		for (Throwable cause = error; cause != null; cause = next(cause)) {
			if (cause instanceof TransientDataAccessException || cause instanceof SQLTransientException) {
				return true;
			}
		}
		return false;
	}

	private static boolean conflictState(SQLException sql) {
		String state = sql.getSQLState();
		// 40001 serialization failure / deadlock (H2, MySQL), 40P01 deadlock
		// (PostgreSQL),
		// 55P03 lock not available (PostgreSQL); MySQL 1213 deadlock, 1205 lock wait
		// timeout;
		// H2 50200 lock timeout.
		return (state != null && (state.startsWith("40") || state.equals("55P03"))) || sql.getErrorCode() == 1213
				|| sql.getErrorCode() == 1205 || sql.getErrorCode() == 50200;
	}

	private static Throwable next(Throwable error) {
		if (error instanceof TransactionSystemException system && system.getApplicationException() != null) {
			return system.getApplicationException();
		}
		Throwable cause = error.getCause();
		if (cause == null && error instanceof SQLException sql) {
			cause = sql.getNextException();
		}
		return (cause == error) ? null : cause;
	}

}
