package dev.kefu.console;

import dev.kefu.TestHttp;
import dev.kefu.apps.AppsIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AGENT uses the desk and reads conversations; apps, rules, assets and users stay
 * closed to them.
 */
@AppsIntegrationTest
class AgentRoleIntegrationTests {

	private static final String APP = AppsIntegrationTest.BOOTSTRAP_APP_ID;

	private static final String PASSWORD = "Agent-password-1";

	@LocalServerPort
	private int port;

	@Autowired
	private ConsoleUsers users;

	private TestHttp agent;

	@BeforeEach
	void signInAsAgent() {
		if (this.users.find("role-agent").isEmpty()) {
			this.users.create("role-agent", PASSWORD, Role.AGENT);
		}
		this.agent = TestHttp.on(this.port).as("role-agent", PASSWORD);
	}

	@Test
	void refusesTheRulesEditorAssetsTestConsoleAppsAndUsersPagesWith403() {
		for (String page : new String[] { "/apps/" + APP + "/rules", "/apps/" + APP + "/rules/new",
				"/apps/" + APP + "/assets", "/apps/" + APP + "/test", "/apps/" + APP + "/deliveries", "/admin/apps",
				"/admin/users" }) {
			assertThat(this.agent.get(page).statusCode()).as(page).isEqualTo(403);
		}
	}

	@Test
	void refusesChangesThroughTheApiWith403ButLetsItRead() {
		assertThat(this.agent.postJson("/api/apps/" + APP + "/rules", "{}").statusCode()).isEqualTo(403);
		assertThat(this.agent.delete("/api/apps/" + APP).statusCode()).isEqualTo(403);
		assertThat(this.agent.get("/api/apps/" + APP + "/rules").statusCode()).isEqualTo(200);
	}

	@Test
	void opensTheDashboardTheConversationsAndTheDesk() {
		assertThat(this.agent.get("/apps/" + APP).statusCode()).isEqualTo(200);
		assertThat(this.agent.get("/apps/" + APP + "/conversations").statusCode()).isEqualTo(200);
		assertThat(this.agent.get("/apps/" + APP + "/desk").statusCode()).isEqualTo(200);
	}

	@Test
	void showsTheAgentNoLinksToPagesTheyMayNotOpen() {
		String dashboard = this.agent.get("/apps/" + APP).body();

		assertThat(dashboard).contains("/apps/" + APP + "/desk").doesNotContain("href=\"/apps/" + APP + "/rules\"");
	}

	@Test
	void letsTheUsersPageAssignTheAgentRole() {
		String page = TestHttp.on(this.port)
			.as(AppsIntegrationTest.ADMIN, AppsIntegrationTest.ADMIN_PASSWORD)
			.get("/admin/users")
			.body();

		assertThat(page).contains("<option value=\"AGENT\"");
	}

}
