package dev.kefu.emulator;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where the emulator may push, and for which apps: only to this server's own
 * {@code /wechat/{appId}}, reached over loopback, and never for an app kefu serves for
 * real. A callback URL given at registration is accepted only when it names that same
 * place (through loopback or the host this request came in on); it is never connected to
 * as given, so the emulator cannot be turned into a way to reach other hosts or ports.
 */
@Component
class PushTargets {

	private final Apps apps;

	private final String contextPath;

	private volatile int port;

	PushTargets(Apps apps, Environment environment) {
		this.apps = apps;
		this.contextPath = environment.getProperty("server.servlet.context-path", "");
	}

	@EventListener
	void serving(WebServerInitializedEvent event) {
		// the main server, not the management one when that runs on a port of its own
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.port = event.getWebServer().getPort();
		}
	}

	/** This server's own callback for {@code appId}, over loopback. */
	URI target(String appId) {
		return URI.create("http://127.0.0.1:" + this.port + this.contextPath + "/wechat/" + appId);
	}

	/**
	 * The push target of an app registered (or reconfigured) with {@code given} as its
	 * URL.
	 * @param given the callback URL asked for; {@code null} or blank means this server's
	 * own
	 * @throws IllegalArgumentException with the reason, when the app is a real one or the
	 * URL is not this server's own {@code /wechat/{appId}}
	 */
	URI accept(String appId, String given, HttpServletRequest request) {
		requireEmulable(appId);
		URI target = target(appId);
		if (given == null || given.isBlank()) {
			return target;
		}
		String path = this.contextPath + "/wechat/" + appId;
		String here = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() + "/wechat/" + appId;
		List<String> own = List.of(target.toString(), "http://localhost:" + this.port + path, here);
		String asked = given.strip();
		if (!own.contains(asked)) {
			throw new IllegalArgumentException("callbackUrl: the emulator only pushes to this server's own " + path
					+ " (e.g. " + here + "), not to " + abbreviate(asked));
		}
		return target;
	}

	/**
	 * Refuses an app kefu serves for real: the emulator plays sandbox apps (and apps kefu
	 * does not know), never one that real users' messages reach.
	 * @throws IllegalArgumentException with the reason
	 */
	void requireEmulable(String appId) {
		if (this.apps.find(appId).filter((app) -> !app.sandbox()).isPresent()) {
			throw new IllegalArgumentException(
					"appId: " + appId + " is a real app kefu serves; the emulator only plays sandbox apps");
		}
	}

	/**
	 * Whether the emulator may still act for this app (it may have become a real app
	 * since).
	 */
	boolean emulable(String appId) {
		App known = this.apps.find(appId).orElse(null);
		return known == null || known.sandbox();
	}

	private static String abbreviate(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() > 100) ? printable.substring(0, 100) + "…" : printable;
	}

}
