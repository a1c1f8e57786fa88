package dev.kefu.apps;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kefu.apps.AppRejectedException.InvalidField;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates or updates the one app given by the environment ({@code KEFU_APP_ID},
 * {@code KEFU_APP_SECRET}, {@code KEFU_APP_TOKEN}, {@code KEFU_APP_AES_KEY}, optionally
 * {@code KEFU_APP_NAME} and {@code KEFU_APP_PUSH_MODE}) before kefu starts serving. An
 * invalid or missing variable fails start-up with a message naming it. Without
 * {@code KEFU_APP_PUSH_MODE} the app's recorded push mode is left as it is (none for a
 * new app).
 */
@Component
class AppBootstrap implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(AppBootstrap.class);

	/** The environment variable behind each field of {@link AppDraft}. */
	static final Map<String, String> VARIABLES = Map.of("appId", "KEFU_APP_ID", "name", "KEFU_APP_NAME", "secret",
			"KEFU_APP_SECRET", "token", "KEFU_APP_TOKEN", "encodingAesKey", "KEFU_APP_AES_KEY", "pushMode",
			"KEFU_APP_PUSH_MODE");

	private final AppsProperties.Bootstrap bootstrap;

	private final AppRegistry registry;

	private final Apps apps;

	AppBootstrap(AppsProperties properties, AppRegistry registry, Apps apps) {
		this.bootstrap = properties.app();
		this.registry = registry;
		this.apps = apps;
		// Checked while the context is still being built, so a mistake fails fast.
		draft();
	}

	@Override
	public void afterSingletonsInstantiated() {
		Optional<AppDraft> given = draft();
		if (given.isEmpty()) {
			return;
		}
		AppDraft draft = given.get();
		Optional<App> existing = this.apps.find(draft.appId());
		if (existing.isEmpty()) {
			try {
				this.registry.register(draft);
				logger.info("Created app {} from the environment", draft.appId());
				return;
			}
			catch (AppRejectedException ex) {
				if (ex.reason() != AppRejectedException.Reason.DUPLICATE_APP_ID) {
					throw ex;
				}
				// another instance sharing the database created it just now: update it
				// below
			}
		}
		if (existing.isPresent() && matches(existing.get(), draft)) {
			return;
		}
		this.registry.update(draft.appId(), (this.bootstrap.name() != null) ? draft : new AppDraft(null, null,
				draft.secret(), draft.token(), draft.encodingAesKey(), null, null, null, draft.pushMode()));
		logger.info("Updated app {} from the environment", draft.appId());
	}

	/**
	 * The app the environment gives, or empty if it gives none.
	 * @throws InvalidBootstrapAppException naming each missing or invalid variable
	 */
	Optional<AppDraft> draft() {
		AppsProperties.Bootstrap given = this.bootstrap;
		if (!given.isGiven()) {
			return Optional.empty();
		}
		AppDraft draft = new AppDraft(given.id(), Objects.requireNonNullElse(given.name(), given.id()), given.secret(),
				given.token(), given.aesKey(), null, null, null, given.pushMode());
		List<InvalidField> invalid = AppValidator.forRegistration(draft);
		if (!invalid.isEmpty()) {
			throw new InvalidBootstrapAppException(
					invalid.stream().map((field) -> VARIABLES.get(field.field()) + " " + field.reason()).toList());
		}
		return Optional.of(draft);
	}

	private boolean matches(App app, AppDraft draft) {
		return app.secret().equals(draft.secret()) && app.token().equals(draft.token())
				&& app.encodingAesKey().equals(draft.encodingAesKey())
				&& (this.bootstrap.name() == null || app.name().equals(draft.name()))
				&& (draft.pushMode() == null || app.pushMode() == AppValidator.pushMode(draft.pushMode()));
	}

}
