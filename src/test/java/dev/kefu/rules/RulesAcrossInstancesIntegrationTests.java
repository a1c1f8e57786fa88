package dev.kefu.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import dev.kefu.KefuApplication;
import dev.kefu.TestHttp;
import dev.kefu.apps.AppRegistry;
import dev.kefu.inbox.TransferDecision;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two kefu instances on one database: a rule changed through one is in force on the other
 * within two seconds, with the default refresh interval.
 */
@RulesIntegrationTest
class RulesAcrossInstancesIntegrationTests {

	private static ConfigurableApplicationContext second;

	@LocalServerPort
	private int port;

	@Autowired
	private AppRegistry registry;

	@BeforeAll
	static void startSecondInstance() {
		second = new SpringApplicationBuilder(KefuApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + RulesIntegrationTest.DATABASE, "--kefu.data-dir=target/test-data/rules-2",
				"--kefu.secrets.key=" + RulesIntegrationTest.SECRETS_KEY,
				"--kefu.admin.username=" + RulesIntegrationTest.ADMIN,
				"--kefu.admin.password=" + RulesIntegrationTest.ADMIN_PASSWORD);
	}

	@AfterAll
	static void stopSecondInstance() {
		second.close();
	}

	@Test
	void theOtherInstanceSeesAChangeWithinTwoSeconds() {
		TestHttp first = TestHttp.on(this.port).as(RulesIntegrationTest.ADMIN, RulesIntegrationTest.ADMIN_PASSWORD);
		TransferDecision other = second.getBean(TransferDecision.class);
		String appId = TestApps.register(this.registry);
		String rules = "/api/apps/" + appId + "/rules";
		// The other instance compiles the app's rules now, so it has to notice the
		// change.
		assertThat(other.transfers(appId, "user", "text", "人工")).isFalse();

		String id = JsonPath.read(first.postJson(rules, """
				{"name": "人工", "trigger": "KEYWORD", "keywords": [{"text": "人工", "match": "EXACT"}],
				 "replies": [{"type": "transfer"}]}""").body(), "$.id");
		Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> other.transfers(appId, "user", "text", "人工"));

		first.putJson(rules + "/" + id, """
				{"name": "人工", "trigger": "KEYWORD", "enabled": false, "keywords": [{"text": "人工", "match": "EXACT"}],
				 "replies": [{"type": "transfer"}]}""");
		Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !other.transfers(appId, "user", "text", "人工"));
	}

}
