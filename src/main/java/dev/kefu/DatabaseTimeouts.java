package dev.kefu;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the JDBC driver of a server database a socket timeout. The PostgreSQL and
 * MySQL/MariaDB drivers wait forever for a server's answer by default; on a connection
 * left half-open (the server's host gone without closing it) a transaction would then
 * hang until the operating system gives the connection up, some 15 minutes later, and
 * with it whatever thread runs it, such as the inbox's writer. With this default it fails
 * after {@link #ANSWER_WITHIN} and the connection is replaced.
 * <p>
 * The drivers disagree on the unit (PostgreSQL counts seconds, the MySQL and MariaDB
 * drivers milliseconds), so this is a driver property set for the database the URL names,
 * not a setting in {@code application.yml}. A {@code socketTimeout} in the URL or an
 * explicit {@code spring.datasource.hikari.data-source-properties.socketTimeout} wins.
 * Connecting is bounded separately: Hikari passes its {@code connection-timeout} to the
 * driver as the login timeout.
 */
public class DatabaseTimeouts implements EnvironmentPostProcessor {

	static final String SOCKET_TIMEOUT = "spring.datasource.hikari.data-source-properties.socketTimeout";

	/**
	 * The longest a statement may wait for the server. kefu's own statements take
	 * milliseconds; this is generous for the console's queries, and short enough that an
	 * instance cut off from its database on a half-open connection recovers within a
	 * minute.
	 */
	public static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("spring.datasource.url", "");
		String socketTimeout = socketTimeout(url);
		if (socketTimeout != null && !url.toLowerCase(Locale.ROOT).contains("sockettimeout=")) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("kefuDatabaseTimeouts", Map.of(SOCKET_TIMEOUT, socketTimeout)));
		}
	}

	/**
	 * The driver's {@code socketTimeout} for a database URL, in the driver's unit;
	 * {@code null} for others.
	 */
	static String socketTimeout(String url) {
		if (url.startsWith("jdbc:postgresql:")) {
			return Long.toString(ANSWER_WITHIN.toSeconds());
		}
		if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
			return Long.toString(ANSWER_WITHIN.toMillis());
		}
		return null; // H2 runs in this process: nothing on the way can go half-open
	}

}
