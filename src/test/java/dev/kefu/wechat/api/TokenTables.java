package dev.kefu.wechat.api;

import dev.kefu.TestDatabases;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh H2 database with kefu's schema, for token stores outside a Spring context. */
final class TokenTables {

	private TokenTables() {
	}

	static JdbcClient freshH2() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabases.freshH2(), "sa", "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		return JdbcClient.create(dataSource);
	}

}
