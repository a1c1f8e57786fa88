package dev.kefu.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleShellTests {

	@Test
	void highlightsTheSectionOfAPerAppPage() {
		assertThat(ConsoleShell.section("/apps/wx1/rules/42", "")).isEqualTo("rules");
		assertThat(ConsoleShell.section("/kefu/apps/wx1/deliveries", "/kefu")).isEqualTo("deliveries");
	}

	@Test
	void highlightsTheDashboardForAnAppItself() {
		assertThat(ConsoleShell.section("/apps/wx1", "")).isEqualTo("dashboard");
		assertThat(ConsoleShell.section("/", "")).isEqualTo("dashboard");
	}

	@Test
	void highlightsAdminSections() {
		assertThat(ConsoleShell.section("/admin/apps/wx1", "")).isEqualTo("apps");
		assertThat(ConsoleShell.section("/admin/users", "")).isEqualTo("users");
		assertThat(ConsoleShell.section("/account/password", "")).isEqualTo("account");
	}

}
