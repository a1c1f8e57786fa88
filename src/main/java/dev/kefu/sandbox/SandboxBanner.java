package dev.kefu.sandbox;

import java.util.List;

import dev.kefu.apps.App;

/** What sandbox mode prints at start-up: where to chat, where to edit the rules. */
final class SandboxBanner {

	private SandboxBanner() {
	}

	static String text(String baseUrl, List<App> sandboxes, App created) {
		StringBuilder text = new StringBuilder("\n\n");
		if (created != null) {
			text.append("  kefu is in sandbox mode: no mini program was configured, so it created the sandbox app\n")
				.append("  ")
				.append(created.name())
				.append(" (")
				.append(created.appId())
				.append(") with example rules, served by the built-in WeChat emulator.\n");
		}
		else {
			text.append("  kefu's built-in WeChat emulator serves the sandbox apps:\n");
		}
		for (App app : sandboxes) {
			text.append("\n  ").append(app.name()).append(" (").append(app.appId()).append(")\n");
			text.append("    Chat as a WeChat user:  ")
				.append(baseUrl)
				.append("/emulator?app=")
				.append(app.appId())
				.append('\n');
			text.append("    Edit the rules:         ")
				.append(baseUrl)
				.append("/apps/")
				.append(app.appId())
				.append("/rules\n");
		}
		text.append("\n  Type 1 or 2 in the chat, or enter the chat to be welcomed. A real mini program is added\n")
			.append("  with KEFU_APP_ID, KEFU_APP_SECRET, KEFU_APP_TOKEN, KEFU_APP_AES_KEY or in the console;\n")
			.append("  the sandbox app stays, marked \"sandbox\", and the emulator never serves real apps.\n");
		return text.toString();
	}

}
