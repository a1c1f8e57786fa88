package dev.kefu.sandbox;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.kefu.TestDatabases;

/**
 * One application context started the way a newcomer starts kefu: an empty database, no
 * app configured and {@code kefu.emulator.enabled} unset, so sandbox mode and the
 * emulator come up. Shared by the sandbox tests and the desk's (one context, reused). The
 * first administrator's password is given rather than generated, so the tests can sign in
 * as a newcomer does with the printed one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kefu.sandbox.enabled=true", "kefu.admin.username=" + SandboxIntegrationTestSupport.ADMIN,
				"kefu.admin.password=" + SandboxIntegrationTestSupport.ADMIN_PASSWORD })
public abstract class SandboxIntegrationTestSupport {

	protected static final String ADMIN = "sandbox-admin";

	protected static final String ADMIN_PASSWORD = "S4ndbox-admin-password";

	private static final String DATABASE = TestDatabases.freshH2();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> DATABASE);
	}

	@LocalServerPort
	protected int port;

	protected String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}
