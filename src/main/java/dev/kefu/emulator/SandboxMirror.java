package dev.kefu.emulator;

import dev.kefu.apps.App;
import dev.kefu.apps.AppChanged;
import dev.kefu.apps.Apps;
import dev.kefu.wechat.push.PushFormat;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the emulator's registry in step with kefu's sandbox apps, in process: each
 * sandbox app is registered as WeChat would know it (its credentials, safe mode, JSON,
 * pushing to this server's own callback), and an app that is deleted or becomes a real
 * app is forgotten with its tokens, media and chats. A push configuration an
 * administrator changed on the emulator page is kept as long as the app's credentials
 * stay the same.
 */
@Component
class SandboxMirror {

	private final Apps apps;

	private final EmulatedApps emulated;

	private final PushTargets targets;

	private final TokenIssuer tokens;

	private final TemporaryMedia media;

	private final Conversations conversations;

	SandboxMirror(Apps apps, EmulatedApps emulated, PushTargets targets, TokenIssuer tokens, TemporaryMedia media,
			Conversations conversations) {
		this.apps = apps;
		this.emulated = emulated;
		this.targets = targets;
		this.tokens = tokens;
		this.media = media;
		this.conversations = conversations;
	}

	@EventListener(ApplicationReadyEvent.class)
	void started() {
		this.apps.all().stream().filter(App::sandbox).forEach(this::mirror);
	}

	@EventListener
	void on(AppChanged changed) {
		App app = this.apps.find(changed.appId()).orElse(null);
		if (app != null && app.sandbox()) {
			mirror(app);
		}
		else if (app != null || this.emulated.find(changed.appId()).isPresent()) {
			forget(changed.appId());
		}
	}

	private void mirror(App app) {
		EmulatedApp known = this.emulated.find(app.appId()).orElse(null);
		if (known != null && known.secret().equals(app.secret()) && known.token().equals(app.token())
				&& known.encodingAesKey().equals(app.encodingAesKey())) {
			return;
		}
		this.emulated.register(new EmulatedApp(app.appId(), app.name(), app.secret(), app.token(), app.encodingAesKey(),
				this.targets.target(app.appId()), PushMode.SAFE, PushFormat.JSON));
	}

	/** Forgets an app with everything the emulator holds for it. */
	void forget(String appId) {
		this.emulated.remove(appId);
		this.tokens.forget(appId);
		this.media.forget(appId);
		this.conversations.forget(appId);
	}

}
