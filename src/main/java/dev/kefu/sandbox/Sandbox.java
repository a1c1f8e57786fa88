package dev.kefu.sandbox;

import java.security.SecureRandom;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kefu.apps.App;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.apps.Apps;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs sandbox mode once the server is up (after the apps from the environment exist):
 * creates the sandbox app on a fresh start and says where to chat with it. The emulator
 * itself decides whether it serves ({@code kefu.emulator.enabled}, by default only while
 * no real app exists) and registers the sandbox apps it plays.
 */
@Component
class Sandbox {

	static final String EMULATOR_ENABLED = "kefu.emulator.enabled";

	private static final Logger logger = LoggerFactory.getLogger(Sandbox.class);

	private final Apps apps;

	private final AppRegistry registry;

	private final SandboxSeeds seeds;

	private final SandboxProperties properties;

	private final Environment environment;

	Sandbox(Apps apps, AppRegistry registry, SandboxSeeds seeds, SandboxProperties properties,
			Environment environment) {
		this.apps = apps;
		this.registry = registry;
		this.seeds = seeds;
		this.properties = properties;
		this.environment = environment;
	}

	@EventListener
	void started(ApplicationStartedEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
			return;
		}
		App created = null;
		if (this.properties.enabled() && this.apps.all().isEmpty()) {
			created = create();
		}
		List<App> sandboxes = this.apps.all().stream().filter(App::sandbox).toList();
		if (sandboxes.isEmpty()) {
			return;
		}
		Boolean enabled = this.environment.getProperty(EMULATOR_ENABLED, Boolean.class);
		boolean realApps = this.apps.all().stream().anyMatch((app) -> !app.sandbox());
		if (Boolean.FALSE.equals(enabled) || (enabled == null && realApps)) {
			logger.info("Sandbox apps exist but the emulator is off ({}): they get no replies until it is on",
					(enabled != null) ? EMULATOR_ENABLED + "=false"
							: "a real app exists and " + EMULATOR_ENABLED + " is unset");
			return;
		}
		int port = web.getWebServer().getPort();
		String contextPath = this.environment.getProperty("server.servlet.context-path", "");
		// line by line: the log layout prints a line break inside a message as '?'
		SandboxBanner.text("http://localhost:" + port + contextPath, sandboxes, created)
			.lines()
			.filter((line) -> !line.isBlank())
			.forEach(logger::info);
	}

	private App create() {
		AppDraft draft = SandboxCredentials.generate(new SecureRandom());
		this.registry.register(draft);
		App app = this.apps.find(draft.appId()).orElseThrow();
		this.seeds.seed(app);
		return app;
	}

}
