package dev.kefu;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTimeoutsTests {

	final DatabaseTimeouts timeouts = new DatabaseTimeouts();

	@Test
	void postgresDriverGetsASocketTimeoutInSeconds() {
		assertThat(driverProperties(environment("jdbc:postgresql://db.internal:5432/kefu")))
			.containsExactly(Map.entry("socketTimeout", "30"));
	}

	@Test
	void mariadbAndMysqlDriversGetASocketTimeoutInMilliseconds() {
		assertThat(driverProperties(environment("jdbc:mariadb://db.internal:3306/kefu")))
			.containsExactly(Map.entry("socketTimeout", "30000"));
		assertThat(driverProperties(environment("jdbc:mysql://db.internal:3306/kefu")))
			.containsExactly(Map.entry("socketTimeout", "30000"));
	}

	@Test
	void embeddedH2GetsNoDriverProperties() {
		assertThat(driverProperties(environment("jdbc:h2:file:./data/kefu;WRITE_DELAY=50"))).isEmpty();
		assertThat(driverProperties(processed(new MockEnvironment()))).isEmpty();
	}

	@Test
	void aSocketTimeoutInTheUrlWins() {
		assertThat(driverProperties(environment("jdbc:postgresql://db.internal:5432/kefu?socketTimeout=300")))
			.isEmpty();
		assertThat(driverProperties(environment("jdbc:mariadb://db.internal:3306/kefu?SocketTimeout=0"))).isEmpty();
	}

	@Test
	void anExplicitDriverPropertyWins() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:5432/kefu")
			.withProperty(DatabaseTimeouts.SOCKET_TIMEOUT, "120");

		assertThat(driverProperties(processed(environment))).containsExactly(Map.entry("socketTimeout", "120"));
	}

	private MockEnvironment environment(String url) {
		return processed(new MockEnvironment().withProperty("spring.datasource.url", url));
	}

	private MockEnvironment processed(MockEnvironment environment) {
		this.timeouts.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	/** What Spring Boot hands Hikari, and Hikari the driver, as driver properties. */
	private static Map<String, String> driverProperties(MockEnvironment environment) {
		return Binder.get(environment)
			.bind("spring.datasource.hikari.data-source-properties", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
	}

}
