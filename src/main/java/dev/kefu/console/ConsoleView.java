package dev.kefu.console;

import java.util.List;

/**
 * What the console's layout shows around every page: who is signed in, which app the
 * pages are about, which section is open. Exposed to templates as {@code console}.
 *
 * @param username the signed-in user, or {@code null} on the login page
 * @param role {@code ADMIN}, {@code EDITOR} or {@code AGENT}
 * @param apps every app, for the switcher
 * @param currentApp the app the per-app pages are about; {@code null} when there is none
 * @param section the navigation entry to highlight
 * @param emulatorUrl where the sandbox chat is served, or {@code null} when it is not
 * @param htmxHeaders a JSON object of headers htmx sends with each request (the CSRF
 * token)
 * @param maxUpload the largest file, in bytes, the server takes in an upload, so pages
 * can say so before sending
 */
public record ConsoleView(String username, String role, List<AppChoice> apps, AppChoice currentApp, String section,
		String emulatorUrl, String htmxHeaders, long maxUpload) {

	/** Whether the user may manage apps, secrets and users. */
	public boolean admin() {
		return "ADMIN".equals(this.role);
	}

	/**
	 * Whether the user may only use the desk and read: no rules, assets or test console.
	 */
	public boolean agent() {
		return "AGENT".equals(this.role);
	}

	/**
	 * An app as the switcher shows it: never its credentials.
	 *
	 * @param appId the AppID
	 * @param name what operators call it
	 * @param sandbox whether the emulator serves it
	 */
	public record AppChoice(String appId, String name, boolean sandbox) {
	}

}
