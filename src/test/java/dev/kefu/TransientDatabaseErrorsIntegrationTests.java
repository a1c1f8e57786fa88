package dev.kefu;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.kefu.LockingRows.await;
import static dev.kefu.LockingRows.failure;
import static dev.kefu.LockingRows.onlyFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What {@link TransientDatabaseErrors} makes of real errors of each database, provoked
 * through Spring's {@code JdbcTemplate} and {@code TransactionTemplate} on a Hikari pool
 * at READ COMMITTED with a {@link JdbcTransactionManager}, as kefu runs. The push journal
 * retries a transaction on a conflict and refuses the batch on an outage; the outbox
 * retries recording an outcome on either. Each case also checks the vendor's own error,
 * so it is known to be the case its name says.
 */
class TransientDatabaseErrorsIntegrationTests {

	enum Database {

		H2(TestDatabases::freshH2, "sa", "SET LOCK_TIMEOUT 200", "jdbc:h2:tcp://127.0.0.1:%d/mem:kefu", "40001",
				"50200"),

		POSTGRESQL(TestDatabases::freshPostgres, "postgres", "SET lock_timeout = '200ms'",
				"jdbc:postgresql://127.0.0.1:%d/kefu", "40P01", "55P03"),

		MARIADB(TestDatabases::freshMariadb, "root", "SET innodb_lock_wait_timeout = 1",
				"jdbc:mariadb://127.0.0.1:%d/kefu", "1213", "1205");

		final Supplier<String> fresh;

		final String user;

		final String shortLockTimeout;

		final String urlOnPort;

		/** The vendor's error code (SQL state on PostgreSQL) of a deadlock victim. */
		final String deadlock;

		/** The vendor's error of a lock wait that timed out. */
		final String lockTimeout;

		Database(Supplier<String> fresh, String user, String shortLockTimeout, String urlOnPort, String deadlock,
				String lockTimeout) {
			this.fresh = fresh;
			this.user = user;
			this.shortLockTimeout = shortLockTimeout;
			this.urlOnPort = urlOnPort;
			this.deadlock = deadlock;
			this.lockTimeout = lockTimeout;
		}

		HikariDataSource pool(String url) {
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl(url);
			pool.setUsername(this.user);
			pool.setPassword("");
			pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
			pool.setMaximumPoolSize(3);
			pool.setConnectionTimeout(TimeUnit.SECONDS.toMillis(LockingRows.WAIT_SECONDS));
			return pool;
		}

		LockingRows rows() {
			return new LockingRows(pool(this.fresh.get()));
		}

	}

	@ParameterizedTest
	@EnumSource
	void deadlockVictimIsAConflictToRetryAtOnce(Database database) throws Exception {
		try (LockingRows rows = database.rows()) {
			CountDownLatch firstLocked = new CountDownLatch(2);
			Future<?> oneThenTwo = rows.inTransactionOnAnotherThread(rows.transactions, () -> {
				rows.lock(1);
				firstLocked.countDown();
				await(firstLocked);
				rows.lock(2);
			});
			Future<?> twoThenOne = rows.inTransactionOnAnotherThread(rows.transactions, () -> {
				rows.lock(2);
				firstLocked.countDown();
				await(firstLocked);
				rows.lock(1);
			});

			Throwable victim = onlyFailure(oneThenTwo, twoThenOne);

			assertThat(vendorError(victim)).as("the vendor's deadlock error").isEqualTo(database.deadlock);
			assertThat(TransientDatabaseErrors.isConflict(victim)).as("conflict: %s", victim).isTrue();
			assertThat(TransientDatabaseErrors.isTransient(victim)).isTrue();
			assertThat(TransientDatabaseErrors.isOutage(victim)).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource
	void lockWaitTimeoutIsAConflict(Database database) throws Exception {
		try (LockingRows rows = database.rows()) {
			CountDownLatch locked = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Future<?> holder = rows.inTransactionOnAnotherThread(rows.transactions, () -> {
				rows.lock(1);
				locked.countDown();
				await(release);
			});
			await(locked);

			Throwable waiter;
			try {
				waiter = catchThrowable(() -> rows.transactions.executeWithoutResult((status) -> {
					rows.jdbc.execute(database.shortLockTimeout);
					rows.lock(1);
				}));
			}
			finally {
				release.countDown();
			}

			assertThat(failure(holder)).as("the holder's transaction").isNull();
			assertThat(vendorError(waiter)).as("the vendor's lock timeout error").isEqualTo(database.lockTimeout);
			// Spring 7 translates none of these to a ConcurrencyFailureException
			// (PostgreSQL's
			// 55P03 and MariaDB's 1205 stay uncategorized, H2's 50200 is a
			// QueryTimeoutException):
			// the classifier's own SQL state and error code checks must catch them.
			assertThat(TransientDatabaseErrors.isConflict(waiter)).as("conflict: %s", waiter).isTrue();
			assertThat(TransientDatabaseErrors.isOutage(waiter)).isFalse();
		}
	}

	@Test
	void serializationFailureOnPostgresqlIsAConflict() throws Exception {
		try (LockingRows rows = Database.POSTGRESQL.rows()) {
			TransactionTemplate serializable = new TransactionTemplate(rows.transactions.getTransactionManager());
			serializable.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
			// Write skew: each reads both rows, then changes one the other has read.
			// Neither
			// commits before both wrote, so PostgreSQL fails the second commit
			// (translated by the
			// transaction manager), or a write.
			CountDownLatch read = new CountDownLatch(2);
			CountDownLatch written = new CountDownLatch(2);
			List<Future<?>> writers = Stream.of(1, 2)
				.<Future<?>>map((id) -> rows.inTransactionOnAnotherThread(serializable, () -> {
					Integer total = rows.jdbc.queryForObject("SELECT SUM(amount) FROM item", Integer.class);
					read.countDown();
					await(read);
					try {
						rows.jdbc.update("UPDATE item SET amount = ? WHERE id = ?", total + 1, id);
					}
					finally {
						written.countDown();
					}
					await(written);
				}))
				.toList();

			Throwable victim = onlyFailure(writers.get(0), writers.get(1));

			assertThat(vendorError(victim)).as("the vendor's serialization failure").isEqualTo("40001");
			assertThat(TransientDatabaseErrors.isConflict(victim)).as("conflict: %s", victim).isTrue();
			assertThat(TransientDatabaseErrors.isOutage(victim)).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource
	void unreachableDatabaseIsAnOutageNotAConflict(Database database) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		// A pool that is running when the database goes: it does not fail at start-up,
		// and a
		// caller waits the connection timeout for a connection that never comes.
		try (HikariDataSource pool = database.pool(database.urlOnPort.formatted(closedPort))) {
			pool.setConnectionTimeout(500);
			pool.setInitializationFailTimeout(-1);
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(pool));

			Throwable query = catchThrowable(() -> jdbc.queryForObject("SELECT 1", Integer.class));
			Throwable transaction = catchThrowable(
					() -> transactions.executeWithoutResult((status) -> jdbc.execute("SELECT 1")));

			assertThat(query).isInstanceOf(CannotGetJdbcConnectionException.class);
			assertThat(transaction).isInstanceOf(CannotCreateTransactionException.class);
			for (Throwable unreachable : List.of(query, transaction)) {
				// The pool gives up after 500 ms with the driver's last failure, a
				// refused connect;
				// H2's client retries a refused connect for about a second, so there the
				// pool may
				// give up first, with no cause yet.
				assertThat(unreachable).rootCause()
					.isInstanceOfAny(ConnectException.class, SQLTransientConnectionException.class);
				assertThat(TransientDatabaseErrors.isOutage(unreachable)).as("outage: %s", unreachable).isTrue();
				assertThat(TransientDatabaseErrors.isConflict(unreachable)).isFalse();
				assertThat(TransientDatabaseErrors.isTransient(unreachable)).isTrue();
			}
		}
	}

	@ParameterizedTest
	@EnumSource
	void duplicateKeyIsNeitherConflictNorOutage(Database database) {
		try (LockingRows rows = database.rows()) {
			Throwable duplicate = catchThrowable(() -> rows.transactions
				.executeWithoutResult((status) -> rows.jdbc.update("INSERT INTO item (id, amount) VALUES (1, 5)")));

			assertThat(duplicate).isInstanceOf(DuplicateKeyException.class);
			assertThat(TransientDatabaseErrors.isConflict(duplicate)).as("conflict: %s", duplicate).isFalse();
			assertThat(TransientDatabaseErrors.isOutage(duplicate)).isFalse();
			assertThat(TransientDatabaseErrors.isTransient(duplicate)).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource
	void syntaxErrorIsNeitherConflictNorOutage(Database database) {
		try (LockingRows rows = database.rows()) {
			Throwable syntax = catchThrowable(() -> rows.transactions
				.executeWithoutResult((status) -> rows.jdbc.execute("SELEC amount FROM item")));

			assertThat(syntax).isInstanceOf(BadSqlGrammarException.class);
			assertThat(TransientDatabaseErrors.isConflict(syntax)).as("conflict: %s", syntax).isFalse();
			assertThat(TransientDatabaseErrors.isOutage(syntax)).isFalse();
			assertThat(TransientDatabaseErrors.isTransient(syntax)).isFalse();
		}
	}

	/**
	 * The first SQL exception's vendor error: its error code, or its SQL state where the
	 * vendor has no codes (PostgreSQL reports 0).
	 */
	private static String vendorError(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				return (sql.getErrorCode() != 0) ? String.valueOf(sql.getErrorCode()) : sql.getSQLState();
			}
		}
		throw new AssertionError("no SQLException in " + error, error);
	}

}
