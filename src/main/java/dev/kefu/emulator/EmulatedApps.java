package dev.kefu.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The emulator's own registry of "WeChat-side" apps. It is filled through the emulator's
 * registration endpoint or page (the sandbox registers its app there over HTTP); it never
 * reads kefu's apps, because WeChat does not either. In memory, per emulator instance.
 */
@Component
class EmulatedApps {

	private final Map<String, EmulatedApp> apps = new ConcurrentHashMap<>();

	/** Registers or replaces an app; {@code true} when it was not known before. */
	boolean register(EmulatedApp app) {
		return this.apps.put(app.appId(), app) == null;
	}

	boolean remove(String appId) {
		return this.apps.remove(appId) != null;
	}

	Optional<EmulatedApp> find(String appId) {
		return (appId != null) ? Optional.ofNullable(this.apps.get(appId)) : Optional.empty();
	}

	List<EmulatedApp> all() {
		return this.apps.values()
			.stream()
			.sorted(Comparator.comparing(EmulatedApp::name).thenComparing(EmulatedApp::appId))
			.toList();
	}

}
