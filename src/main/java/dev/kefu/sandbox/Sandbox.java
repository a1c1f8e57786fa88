package dev.kefu.sandbox;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.kefu.apps.App;
import dev.kefu.apps.AppChanged;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.apps.Apps;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Runs sandbox mode once the server is up (after the apps from the environment exist): creates
 * the sandbox app on a fresh start, turns the emulator on by default while a sandbox app
 * exists, registers the sandbox apps with it, and keeps the emulator's registry in step when
 * apps change.
 */
@Component
class Sandbox {

	static final String EMULATOR_ENABLED = "kefu.emulator.enabled";

	private static final Logger logger = LoggerFactory.getLogger(Sandbox.class);

	private final Apps apps;

	private final AppRegistry registry;

	private final SandboxSeeds seeds;

	private final SandboxProperties properties;

	private final ConfigurableEnvironment environment;

	private final JsonMapper json;

	private volatile EmulatorLink emulator;

	Sandbox(Apps apps, AppRegistry registry, SandboxSeeds seeds, SandboxProperties properties,
			ConfigurableEnvironment environment, JsonMapper json) {
		this.apps = apps;
		this.registry = registry;
		this.seeds = seeds;
		this.properties = properties;
		this.environment = environment;
		this.json = json;
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
		if (!this.environment.containsProperty(EMULATOR_ENABLED)) {
			// the lowest precedence: any configured value wins
			this.environment.getPropertySources()
				.addLast(new MapPropertySource("sandbox", Map.of(EMULATOR_ENABLED, "true")));
		}
		if (!this.environment.getProperty(EMULATOR_ENABLED, Boolean.class, false)) {
			logger.info("Sandbox apps exist but {}=false: they get no replies until the emulator is on", EMULATOR_ENABLED);
			return;
		}
		int port = web.getWebServer().getPort();
		String contextPath = this.environment.getProperty("server.servlet.context-path", "");
		EmulatorLink link = new EmulatorLink(this.json, "http://127.0.0.1:" + port + contextPath);
		this.emulator = link;
		sandboxes.forEach((app) -> register(link, app));
		logger.info(SandboxBanner.text("http://localhost:" + port + contextPath, sandboxes, created));
	}

	/** Keeps the emulator's registry in step: sandbox apps in, real and deleted apps out. */
	@ApplicationModuleListener
	void on(AppChanged changed) {
		EmulatorLink link = this.emulator;
		if (link == null) {
			return;
		}
		Optional<App> app = this.apps.find(changed.appId());
		if (app.isPresent() && app.get().sandbox()) {
			register(link, app.get());
			return;
		}
		try {
			link.forget(changed.appId());
		}
		catch (IOException ex) {
			logger.warn("Could not remove app {} from the emulator: {}", changed.appId(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private App create() {
		AppDraft draft = SandboxCredentials.generate(new SecureRandom());
		this.registry.register(draft);
		App app = this.apps.find(draft.appId()).orElseThrow();
		this.seeds.seed(app);
		return app;
	}

	private static void register(EmulatorLink link, App app) {
		try {
			link.register(app);
		}
		catch (IOException ex) {
			logger.warn("Could not register sandbox app {} with the emulator: {}", app.appId(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
