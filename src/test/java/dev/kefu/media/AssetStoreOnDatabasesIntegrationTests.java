package dev.kefu.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.kefu.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The media_asset table, whose content column differs by vendor, on every database kefu
 * supports.
 */
class AssetStoreOnDatabasesIntegrationTests {

	static Stream<Arguments> databases() {
		return Stream.of(Arguments.argumentSet("H2", (Supplier<String>) TestDatabases::freshH2, "sa", "h2"),
				Arguments.argumentSet("PostgreSQL", (Supplier<String>) TestDatabases::freshPostgres, "postgres",
						"postgresql"),
				Arguments.argumentSet("MariaDB", (Supplier<String>) TestDatabases::freshMariadb, "root", "mariadb"));
	}

	@ParameterizedTest
	@MethodSource("databases")
	void keepsAnImageOfTheLargestAllowedSize(Supplier<String> url, String user, String vendor) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url.get(), user, "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.load()
			.migrate();
		AssetStore store = new AssetStore(JdbcClient.create(dataSource));
		byte[] content = new byte[Assets.MAX_SIZE];
		Arrays.fill(content, (byte) 0xA5);
		Asset asset = new Asset("a-1", "wx-app", "二维码.png", "image/png", content.length,
				Instant.parse("2026-03-04T02:00:00.5Z"));

		store.insert(asset, "00".repeat(32), content, "https://example.com/qr.png");

		assertThat(store.find("wx-app", "a-1")).contains(asset);
		assertThat(store.content("wx-app", "a-1")).hasValueSatisfying((bytes) -> assertThat(bytes).isEqualTo(content));
		assertThat(store.findBySource("wx-app", "https://example.com/qr.png")).contains(asset);
		assertThat(store.all("wx-app")).containsExactly(asset);
		assertThat(store.find("wx-other", "a-1")).isEmpty();
		assertThat(store.delete("wx-app", "a-1")).isTrue();
		assertThat(store.content("wx-app", "a-1")).isEmpty();
	}

}
