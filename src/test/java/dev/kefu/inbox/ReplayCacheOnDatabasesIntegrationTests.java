package dev.kefu.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.kefu.MutableClock;
import dev.kefu.TestDatabases;
import dev.kefu.inbox.ReplayCache.ReplayKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The replay cache's table on every database kefu supports: lookups, inserts, and its
 * purge.
 */
class ReplayCacheOnDatabasesIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

	private static final String APP = "wx0123456789abcdef";

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void remembersSignaturesWithTheirBodiesAndLooksThemUpInOneQuery(Supplier<String> url, String user, String vendor) {
		ReplayCache cache = new ReplayCache(new NamedParameterJdbcTemplate(TestDatabases.migrated(url, user, vendor)));
		ReplayKey first = key("1", "first body", NOW.plusSeconds(300));
		ReplayKey second = key("2", "second body", NOW.plusSeconds(300));
		ReplayKey unknown = key("3", "first body", NOW.plusSeconds(300));

		cache.insert(List.of(second, first));

		assertThat(cache.bodyHashes(List.of(first.keyHash(), second.keyHash(), unknown.keyHash())))
			.isEqualTo(Map.of(first.keyHash(), first.bodyHash(), second.keyHash(), second.bodyHash()));
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void refusesToRememberASignatureTwiceSoThatInstancesRacingForItSeeEachOther(Supplier<String> url, String user,
			String vendor) {
		ReplayCache cache = new ReplayCache(new NamedParameterJdbcTemplate(TestDatabases.migrated(url, user, vendor)));
		cache.insert(List.of(key("1", "a body", NOW.plusSeconds(300))));

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> cache.insert(List.of(key("1", "another body", NOW.plusSeconds(300)))));
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void remembersARepeatedUrlCheckOnceWithoutFailing(Supplier<String> url, String user, String vendor) {
		ReplayCache cache = new ReplayCache(new NamedParameterJdbcTemplate(TestDatabases.migrated(url, user, vendor)));
		ReplayKey check = ReplayCache.key(APP, "signature", "1714036504", "1514711492", "f464b24f", null,
				NOW.toEpochMilli());

		cache.rememberUrlCheck(check);
		cache.rememberUrlCheck(check);

		assertThat(cache.bodyHashes(List.of(check.keyHash())))
			.containsExactly(Map.entry(check.keyHash(), ReplayCache.URL_CHECK));
	}

	@ParameterizedTest
	@MethodSource("dev.kefu.TestDatabases#supported")
	void purgesExpiredSignaturesAndKeepsThoseStillWithinTheSkew(Supplier<String> url, String user, String vendor) {
		DriverManagerDataSource dataSource = TestDatabases.migrated(url, user, vendor);
		ReplayCache cache = new ReplayCache(new NamedParameterJdbcTemplate(dataSource));
		ReplayKey expired = key("1", "old", NOW.minusMillis(1));
		ReplayKey current = key("2", "new", NOW.plusSeconds(1));
		cache.insert(List.of(expired, current));
		InboxPurge purge = new InboxPurge(JdbcClient.create(dataSource), new JdbcTransactionManager(dataSource),
				new MutableClock(NOW), new InboxRetentionProperties(Duration.ofDays(30), Duration.ofMinutes(10)));

		purge.purge();

		assertThat(JdbcClient.create(dataSource).sql("SELECT key_hash FROM inbox_replay").query(String.class).list())
			.containsExactly(current.keyHash());
	}

	private static ReplayKey key(String nonce, String body, Instant expiresAt) {
		return ReplayCache.key(APP, "signature", Long.toString(NOW.getEpochSecond()), nonce,
				"0123456789abcdef0123456789abcdef01234567", body.getBytes(StandardCharsets.UTF_8),
				expiresAt.toEpochMilli());
	}

}
