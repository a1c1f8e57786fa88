package dev.kefu.apps;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.kefu.apps.AppRejectedException.InvalidField;
import dev.kefu.wechat.push.PushMode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers, changes and removes apps, for the admin API and the console. Credentials go
 * in and never come out: what this class returns is an {@link AppSummary}. Once a change
 * is committed, {@link Apps} reflects it before the method returns.
 */
@Service
public class AppRegistry {

	/** Where mini programs' users mostly are. */
	static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Shanghai");

	private final AppStore store;

	private final SecretBox secrets;

	private final Apps apps;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AppRegistry(AppStore store, SecretBox secrets, Apps apps, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.store = store;
		this.secrets = secrets;
		this.apps = apps;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Every app, ordered by AppID. */
	public List<AppSummary> list() {
		return this.store.all().stream().map(AppRegistry::summary).toList();
	}

	/** The app with this AppID, or empty. */
	public Optional<AppSummary> find(String appId) {
		return (appId != null) ? this.store.find(appId).map(AppRegistry::summary) : Optional.empty();
	}

	/**
	 * Registers a new app.
	 * @throws AppRejectedException {@code INVALID_FIELDS} or {@code DUPLICATE_APP_ID}
	 */
	public AppSummary register(AppDraft draft) {
		throwIfInvalid(AppValidator.forRegistration(draft));
		String appId = draft.appId();
		long now = this.clock.millis();
		String previous = emptyToNull(draft.previousEncodingAesKey());
		AppStore.Row row = new AppStore.Row(appId, draft.name().strip(), this.secrets.seal(appId, draft.secret()),
				this.secrets.seal(appId, draft.token()), this.secrets.seal(appId, draft.encodingAesKey()),
				this.secrets.seal(appId, previous), Boolean.TRUE.equals(draft.sandbox()),
				(draft.timeZone() != null) ? draft.timeZone() : DEFAULT_TIME_ZONE.getId(),
				pushModeName(draft.pushMode()), now, now);
		try {
			this.transactions.executeWithoutResult((status) -> this.store.insert(row));
		}
		catch (DuplicateKeyException ex) {
			throw AppRejectedException.duplicate(appId);
		}
		this.apps.refresh();
		return summary(row);
	}

	/**
	 * Changes an app; {@code null} fields of the draft keep their value (see
	 * {@link AppDraft}).
	 * @throws AppRejectedException {@code UNKNOWN_APP} or {@code INVALID_FIELDS}
	 */
	public AppSummary update(String appId, AppDraft draft) {
		AppStore.Row updated = this.transactions.execute((status) -> {
			AppStore.Row current = ((appId != null) ? this.store.findForUpdate(appId) : Optional.<AppStore.Row>empty())
				.orElseThrow(() -> AppRejectedException.unknown(appId));
			throwIfInvalid(AppValidator.forUpdate(appId, draft));
			AppStore.Row row = merge(current, draft);
			this.store.update(row);
			return row;
		});
		this.apps.refresh();
		return summary(updated);
	}

	/**
	 * Removes an app.
	 * @throws AppRejectedException {@code UNKNOWN_APP}
	 */
	public void remove(String appId) {
		this.transactions.executeWithoutResult((status) -> {
			if (appId == null || !this.store.delete(appId)) {
				throw AppRejectedException.unknown(appId);
			}
		});
		this.apps.refresh();
	}

	private AppStore.Row merge(AppStore.Row current, AppDraft draft) {
		String appId = current.appId();
		String aesKey = current.aesKeySealed();
		String previous = current.previousAesKeySealed();
		if (draft.encodingAesKey() != null
				&& !draft.encodingAesKey().equals(this.secrets.open(appId, current.aesKeySealed()))) {
			// A rotation: pushes encrypted with the old key may still be on their way.
			previous = current.aesKeySealed();
			aesKey = this.secrets.seal(appId, draft.encodingAesKey());
		}
		if (draft.previousEncodingAesKey() != null) {
			previous = this.secrets.seal(appId, emptyToNull(draft.previousEncodingAesKey()));
		}
		return new AppStore.Row(appId, (draft.name() != null) ? draft.name().strip() : current.name(),
				(draft.secret() != null) ? this.secrets.seal(appId, draft.secret()) : current.secretSealed(),
				(draft.token() != null) ? this.secrets.seal(appId, draft.token()) : current.tokenSealed(), aesKey,
				previous, (draft.sandbox() != null) ? draft.sandbox() : current.sandbox(),
				(draft.timeZone() != null) ? draft.timeZone() : current.timeZone(),
				(draft.pushMode() != null) ? pushModeName(draft.pushMode()) : current.pushMode(), current.createdAt(),
				// Always later than before, so every instance sees that the app changed.
				Math.max(this.clock.millis(), current.updatedAt() + 1));
	}

	private static void throwIfInvalid(List<InvalidField> invalid) {
		if (!invalid.isEmpty()) {
			throw AppRejectedException.invalid(invalid);
		}
	}

	/** The stored name of a draft's valid push mode; {@code null} for none (or empty). */
	private static String pushModeName(String given) {
		PushMode mode = AppValidator.pushMode(given);
		return (mode != null) ? mode.name() : null;
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static AppSummary summary(AppStore.Row row) {
		return new AppSummary(row.appId(), row.name(), row.sandbox(),
				Objects.requireNonNullElse(AppValidator.zone(row.timeZone()), DEFAULT_TIME_ZONE),
				AppValidator.pushMode(row.pushMode()), AppSummary.callbackPath(row.appId()), row.secretSealed() != null,
				row.tokenSealed() != null, row.aesKeySealed() != null, row.previousAesKeySealed() != null,
				Instant.ofEpochMilli(row.createdAt()), Instant.ofEpochMilli(row.updatedAt()));
	}

}
