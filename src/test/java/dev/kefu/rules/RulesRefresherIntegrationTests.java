package dev.kefu.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The rules are compiled before the web server takes its first request: Spring starts
 * lifecycle beans in ascending phases, and the phases compared here are the running
 * context's own, the web server's included.
 */
@RulesIntegrationTest
class RulesRefresherIntegrationTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void startsInAPhaseBeforeTheWebServers() {
		SmartLifecycle webServer = this.context.getBean("webServerStartStop", SmartLifecycle.class);
		RulesRefresher refresher = this.context.getBean(RulesRefresher.class);
		assertThat(refresher.isRunning()).isTrue();
		assertThat(refresher.getPhase()).isLessThan(webServer.getPhase());
	}

	@Test
	void startsInAPhaseAfterTheAppsRefreshers() {
		SmartLifecycle apps = this.context.getBean("appsRefresher", SmartLifecycle.class);
		assertThat(apps.getPhase()).isLessThan(this.context.getBean(RulesRefresher.class).getPhase());
	}

}
