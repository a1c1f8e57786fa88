package dev.kefu.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.kefu.MutableClock;
import dev.kefu.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox's retention purge on every database kefu supports. */
class OutboxPurgeOnDatabasesIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

	private static final Duration RETENTION = Duration.ofDays(30);

	private static final Instant OLD = NOW.minus(RETENTION).minusMillis(1);

	private static final Instant RECENT = NOW.minus(RETENTION).plusSeconds(1);

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void deletesFinishedDeliveriesPastTheRetentionAndNeverOnesStillToBeSent(Supplier<String> url, String user,
			String vendor) {
		Database database = migrate(url, user, vendor);
		List<String> kept = new ArrayList<>();
		for (DeliveryStatus status : DeliveryStatus.values()) {
			database.delivery("old-" + status, status, OLD, OLD);
			database.delivery("recent-" + status, status, OLD, RECENT);
			kept.add("recent-" + status);
		}
		kept.add("old-PENDING");
		kept.add("old-RETRYING");

		database.purge().purge();

		assertThat(database.jdbc().sql("SELECT id FROM outbox_delivery").query(String.class).list())
			.containsExactlyInAnyOrderElementsOf(kept);
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void deletesAllowancesWhoseWindowEndedBeforeTheRetention(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		database.allowance("o-old", OLD);
		database.allowance("o-recent", RECENT);
		database.allowance("o-open", NOW.plus(Duration.ofHours(47)));

		database.purge().purge();

		assertThat(database.jdbc().sql("SELECT open_id FROM outbox_allowance").query(String.class).list())
			.containsExactlyInAnyOrder("o-recent", "o-open");
	}

	private record Database(JdbcClient jdbc, OutboxPurge purge) {

		void delivery(String id, DeliveryStatus status, Instant createdAt, Instant updatedAt) {
			this.jdbc.sql("""
					INSERT INTO outbox_delivery (id, app_id, open_id, message_id, part_index, reply_type, reply_json,
					    status, attempts, received_at, deadline_at, created_at, updated_at)
					VALUES (?, 'wx-app', 'o-user', ?, 0, 'text', '{"content":"hi"}', ?, 1, ?, ?, ?, ?)""")
				.params(id, "m-" + id, status.name(), createdAt.toEpochMilli(),
						createdAt.plus(Duration.ofHours(48)).toEpochMilli(), createdAt.toEpochMilli(),
						updatedAt.toEpochMilli())
				.update();
		}

		void allowance(String openId, Instant windowEnd) {
			this.jdbc.sql("""
					INSERT INTO outbox_allowance (app_id, open_id, window_start_at, window_end_at, max_sends, planned)
					VALUES ('wx-app', ?, ?, ?, 5, 1)""")
				.params(openId, windowEnd.minus(Duration.ofHours(48)).toEpochMilli(), windowEnd.toEpochMilli())
				.update();
		}

	}

	private static Database migrate(Supplier<String> url, String user, String vendor) {
		DriverManagerDataSource dataSource = TestDatabases.migrated(url, user, vendor);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		return new Database(jdbc, new OutboxPurge(jdbc, new JdbcTransactionManager(dataSource), new MutableClock(NOW),
				new OutboxRetentionProperties(RETENTION, Duration.ofMinutes(10))));
	}

}
