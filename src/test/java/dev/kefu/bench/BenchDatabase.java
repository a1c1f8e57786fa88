package dev.kefu.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database kefu runs on for one benchmark run. {@code h2} (the default: a file
 * database in the run's directory, as kefu's own default), {@code postgresql} and
 * {@code mariadb} are scratch databases on the local servers, created for the run and
 * dropped after it; a JDBC URL is used as given and left alone (name its user with
 * {@code --spring.datasource.username}).
 */
final class BenchDatabase implements AutoCloseable {

	private static final String POSTGRES_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static final String MARIADB_ADMIN = "jdbc:mariadb://127.0.0.1:3306/test";

	private final String url;

	private final String username;

	private final String adminUrl;

	private final String drop;

	private BenchDatabase(String url, String username, String adminUrl, String drop) {
		this.url = url;
		this.username = username;
		this.adminUrl = adminUrl;
		this.drop = drop;
	}

	static BenchDatabase of(String option, Path dir) throws SQLException {
		String name = "kefu_bench_" + Long.toHexString(System.nanoTime() & 0xffffffffL);
		return switch (option) {
			case "h2" ->
				new BenchDatabase("jdbc:h2:file:" + dir.toAbsolutePath() + "/kefu;WRITE_DELAY=50;QUERY_CACHE_SIZE=64",
						null, null, null);
			case "postgresql" -> {
				execute(POSTGRES_ADMIN, "postgres", "CREATE DATABASE " + name);
				yield new BenchDatabase("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", POSTGRES_ADMIN,
						"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
			case "mariadb" -> {
				execute(MARIADB_ADMIN, "root",
						"CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
				yield new BenchDatabase("jdbc:mariadb://127.0.0.1:3306/" + name, "root", MARIADB_ADMIN,
						"DROP DATABASE IF EXISTS " + name);
			}
			default -> {
				if (!option.startsWith("jdbc:")) {
					throw new IllegalArgumentException(
							"--database: h2, postgresql, mariadb or a JDBC URL, not " + option);
				}
				yield new BenchDatabase(option, null, null, null);
			}
		};
	}

	String url() {
		return this.url;
	}

	/** The user kefu connects as, or {@code null} to leave kefu's own setting. */
	String username() {
		return this.username;
	}

	/** Drops a scratch database; call once kefu has stopped. */
	@Override
	public void close() throws SQLException {
		if (this.drop != null) {
			execute(this.adminUrl, this.username, this.drop);
		}
	}

	private static void execute(String url, String user, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
