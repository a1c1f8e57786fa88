package dev.kefu.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.kefu.MutableClock;
import dev.kefu.RetentionPurge;
import dev.kefu.TestDatabases;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox's retention purge on every database kefu supports. */
class InboxPurgeOnDatabasesIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

	private static final Duration RETENTION = Duration.ofMinutes(10);

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void deletesMessagesPastTheRetentionAndKeepsDeduplicationKeysWithinIt(Supplier<String> url, String user,
			String vendor) {
		DriverManagerDataSource dataSource = TestDatabases.migrated(url, user, vendor);
		// more than one batch, so the purge has to go on after the first
		insert(dataSource, "old", RetentionPurge.BATCH_SIZE + 1, NOW.minus(Duration.ofDays(31)));
		insert(dataSource, "just-past", 1, NOW.minus(RETENTION).minusMillis(1));
		insert(dataSource, "within-window", 1, NOW.minus(RETENTION).plusSeconds(1));
		insert(dataSource, "now", 1, NOW);

		purge(dataSource).purge();

		assertThat(remainingMsgIds(dataSource)).containsExactlyInAnyOrder("within-window-0", "now-0");
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void instancesPurgingAtOnceDoNotGetInEachOthersWay(Supplier<String> url, String user, String vendor) {
		DriverManagerDataSource dataSource = TestDatabases.migrated(url, user, vendor);
		insert(dataSource, "old", 3 * RetentionPurge.BATCH_SIZE, NOW.minus(Duration.ofDays(31)));
		insert(dataSource, "now", 1, NOW);
		InboxPurge one = purge(dataSource);
		InboxPurge other = purge(dataSource);

		CompletableFuture.allOf(CompletableFuture.runAsync(one::purge), CompletableFuture.runAsync(other::purge))
			.join();
		// one of them may have left the rest to the other and stopped early; a next run
		// finds it
		one.purge();

		assertThat(remainingMsgIds(dataSource)).containsExactly("now-0");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void logsOneLineForARunThatDeletedSomethingAndNoneForOneThatDidNot(CapturedOutput output) {
		DriverManagerDataSource dataSource = TestDatabases.migrated(TestDatabases::freshH2, "sa", "h2");
		insert(dataSource, "old", 2, NOW.minus(Duration.ofDays(31)));
		InboxPurge purge = purge(dataSource);

		purge.purge();
		purge.purge();

		assertThat(output.toString().lines().filter((line) -> line.contains("InboxPurge")))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("INFO", "Purged 2 inbox messages received before 2026-03-04T01:50:00Z");
	}

	private static InboxPurge purge(DriverManagerDataSource dataSource) {
		return new InboxPurge(JdbcClient.create(dataSource), new JdbcTransactionManager(dataSource),
				new MutableClock(NOW), new InboxRetentionProperties(RETENTION, Duration.ofMinutes(10)));
	}

	private static void insert(DriverManagerDataSource dataSource, String prefix, int count, Instant receivedAt) {
		List<Object[]> rows = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			rows.add(new Object[] { UUID.randomUUID().toString(), "wx-app:" + prefix + "-" + i, prefix + "-" + i,
					receivedAt.toEpochMilli() - 3_000, receivedAt.toEpochMilli() });
		}
		new JdbcTemplate(dataSource).batchUpdate("""
				INSERT INTO inbox_message (id, app_id, dedupe_key, msg_id, open_id, msg_type, content, created_at,
				    received_at, transferred)
				VALUES (?, 'wx-app', ?, ?, 'o-user', 'text', 'hi', ?, ?, FALSE)""", rows);
	}

	private static List<String> remainingMsgIds(DriverManagerDataSource dataSource) {
		return JdbcClient.create(dataSource).sql("SELECT msg_id FROM inbox_message").query(String.class).list();
	}

}
