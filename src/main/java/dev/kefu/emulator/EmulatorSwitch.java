package dev.kefu.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kefu.apps.App;
import dev.kefu.apps.AppChanged;
import dev.kefu.apps.Apps;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether the emulator serves now. {@code kefu.emulator.enabled=true} or {@code false}
 * decides outright. Unset, it serves while kefu has no real app — a fresh
 * {@code java -jar kefu.jar} gets the sandbox app and its emulator — and stops once a
 * real (non-sandbox) app exists, at once and on every instance, because a production
 * server must not carry a stand-in for WeChat. It serves again, unset, only once no real
 * app is left.
 * <p>
 * The answer is read from kefu's in-memory view of the apps on each request: cheap, and
 * always current. A line at start-up, and one at each change, says whether it is on and
 * why.
 */
@Component
class EmulatorSwitch {

	private static final Logger logger = LoggerFactory.getLogger(EmulatorSwitch.class);

	private final EmulatorProperties properties;

	private final Apps apps;

	private volatile Boolean lastSaid;

	EmulatorSwitch(EmulatorProperties properties, Apps apps) {
		this.properties = properties;
		this.apps = apps;
	}

	boolean on() {
		Boolean enabled = this.properties.enabled();
		return (enabled != null) ? enabled : this.apps.all().stream().allMatch(App::sandbox);
	}

	/** Why it is on or off, in one sentence. */
	String reason() {
		Boolean enabled = this.properties.enabled();
		if (enabled != null) {
			return "kefu.emulator.enabled=" + enabled;
		}
		return this.apps.all()
			.stream()
			.filter((app) -> !app.sandbox())
			.findFirst()
			.map((app) -> "kefu.emulator.enabled is unset and a real app exists (" + app.appId()
					+ "); set it to true to serve the emulator anyway")
			.orElse("kefu.emulator.enabled is unset and kefu has no real app, only sandbox apps or none");
	}

	@EventListener(ApplicationReadyEvent.class)
	void started() {
		say();
	}

	@EventListener
	void on(AppChanged changed) {
		if (this.properties.enabled() == null) {
			say();
		}
	}

	private synchronized void say() {
		boolean on = on();
		if (this.lastSaid == null || this.lastSaid != on) {
			this.lastSaid = on;
			logger.info("WeChat emulator under /emulator is {}: {}", on ? "on" : "off (404)", reason());
		}
	}

}
