package dev.kefu.sandbox;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.kefu.TestDatabases;

/**
 * One application context started the way a newcomer starts kefu: an empty database and no
 * app configured, so sandbox mode comes up. Shared by the sandbox tests (one context, reused).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "kefu.sandbox.enabled=true")
abstract class SandboxIntegrationTestSupport {

	private static final String DATABASE = TestDatabases.freshH2();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> DATABASE);
	}

	@LocalServerPort
	int port;

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}
