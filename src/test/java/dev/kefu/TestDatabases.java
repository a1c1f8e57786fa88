package dev.kefu;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The real database servers tests run against: the local PostgreSQL (127.0.0.1:5432,
 * trust auth) and MariaDB (127.0.0.1:3306, root with an empty password). Each call
 * creates a fresh, empty database so test classes never see each other's rows.
 * <p>
 * Outside CI a missing server skips the test; with {@code CI=true} it fails, because CI
 * must run every database test rather than silently skip it.
 */
public final class TestDatabases {

	public static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	public static final String MARIADB_ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/test";

	private TestDatabases() {
	}

	/**
	 * A JDBC URL of a new, empty PostgreSQL database (user {@code postgres}, no
	 * password).
	 */
	public static String freshPostgres() {
		String name = newName();
		execute(POSTGRES_ADMIN_URL, "postgres", "CREATE DATABASE " + name);
		return "jdbc:postgresql://127.0.0.1:5432/" + name;
	}

	/** A JDBC URL of a new, empty MariaDB database (user {@code root}, no password). */
	public static String freshMariadb() {
		String name = newName();
		execute(MARIADB_ADMIN_URL, "root", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		return "jdbc:mariadb://127.0.0.1:3306/" + name;
	}

	/** A JDBC URL of a new in-memory H2 database that lives as long as the JVM. */
	public static String freshH2() {
		return "jdbc:h2:mem:" + newName() + ";DB_CLOSE_DELAY=-1";
	}

	private static String newName() {
		return "kefu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
	}

	private static void execute(String url, String user, String sql) {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			unavailable(url, ex);
		}
	}

	private static void unavailable(String url, SQLException ex) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true and the database server at " + url + " is not reachable", ex);
		}
		Assumptions.abort("database server at " + url + " is not reachable: " + ex.getMessage());
	}

	/**
	 * Every database kefu supports, for a {@code @MethodSource}: a fresh database's URL
	 * (asked for when the test runs), its user and its Flyway vendor folder.
	 */
	public static Stream<Arguments> supported() {
		return Stream.of(Arguments.argumentSet("H2", (Supplier<String>) TestDatabases::freshH2, "sa", "h2"),
				Arguments.argumentSet("PostgreSQL", (Supplier<String>) TestDatabases::freshPostgres, "postgres",
						"postgresql"),
				Arguments.argumentSet("MariaDB", (Supplier<String>) TestDatabases::freshMariadb, "root", "mariadb"));
	}

	/** A fresh database of one of {@link #supported()}, migrated as kefu migrates it. */
	public static DriverManagerDataSource migrated(Supplier<String> url, String user, String vendor) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url.get(), user, "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.load()
			.migrate();
		return dataSource;
	}

}
