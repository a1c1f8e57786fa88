package dev.kefu.apps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The apps kefu serves, credentials decrypted, held in memory so a lookup on every push
 * costs a map access. The view is reloaded after each change made through
 * {@link AppRegistry} and, for changes made by other instances sharing the database, when
 * a cheap poll of the stored revision sees it move ({@code kefu.apps.refresh-interval}).
 * Every reload that changes an app publishes {@link AppChanged} for it.
 * <p>
 * Thread-safe; lookups never block on the database once the view is loaded.
 */
@Service
public class Apps {

	private final AppStore store;

	private final SecretBox secrets;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private volatile View view;

	Apps(AppStore store, SecretBox secrets, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager) {
		this.store = store;
		this.secrets = secrets;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * The app with this AppID.
	 * @param appId the AppID; {@code null} finds nothing
	 * @return the app, or empty if kefu does not serve it
	 */
	public Optional<App> find(String appId) {
		if (appId == null) {
			return Optional.empty();
		}
		Entry entry = view().byId().get(appId);
		return (entry != null) ? Optional.of(entry.app()) : Optional.empty();
	}

	/** Every app kefu serves, ordered by AppID; an immutable list. */
	public List<App> all() {
		return view().all();
	}

	/** Reloads the view if another instance changed the apps since it was loaded. */
	void refreshIfChanged() {
		View current = this.view;
		if (current == null || this.store.revision() != current.revision()) {
			refresh();
		}
	}

	/**
	 * Reloads the view from the database and announces each app that changed. Announcing
	 * under the lock means that once a writer's refresh returns, its change has been
	 * announced, even when the poller saw it first.
	 */
	synchronized void refresh() {
		View previous = this.view;
		View next = load();
		this.view = next;
		Set<String> changed = (previous != null) ? previous.changedIn(next) : Set.of();
		if (!changed.isEmpty()) {
			// In a transaction, so listeners registered as transactional (Modulith's
			// @ApplicationModuleListener) receive it, through the event publication
			// registry.
			this.transactions.executeWithoutResult(
					(status) -> changed.forEach((appId) -> this.events.publishEvent(new AppChanged(appId))));
		}
	}

	private View view() {
		View current = this.view;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.view == null) {
				this.view = load();
			}
			return this.view;
		}
	}

	private View load() {
		// The revision is read first: a change committed while the rows are read moves it
		// past
		// this value, so the next poll loads again rather than missing the change.
		long revision = this.store.revision();
		Map<String, Entry> byId = new HashMap<>();
		List<App> all = new ArrayList<>();
		for (AppStore.Row row : this.store.all()) {
			Entry entry = decrypt(row);
			byId.put(row.appId(), entry);
			all.add(entry.app());
		}
		return new View(revision, Map.copyOf(byId), List.copyOf(all));
	}

	private Entry decrypt(AppStore.Row row) {
		String appId = row.appId();
		App app = new App(appId, row.name(), this.secrets.open(appId, row.secretSealed()),
				this.secrets.open(appId, row.tokenSealed()), this.secrets.open(appId, row.aesKeySealed()),
				this.secrets.open(appId, row.previousAesKeySealed()), row.sandbox(),
				Objects.requireNonNullElse(AppValidator.zone(row.timeZone()), AppRegistry.DEFAULT_TIME_ZONE),
				AppValidator.pushMode(row.pushMode()));
		return new Entry(app, row.updatedAt());
	}

	private record Entry(App app, long updatedAt) {
	}

	private record View(long revision, Map<String, Entry> byId, List<App> all) {

		/** The apps added, removed or changed in {@code next}. */
		Set<String> changedIn(View next) {
			Set<String> changed = new LinkedHashSet<>();
			this.byId.forEach((appId, entry) -> {
				if (!Objects.equals(entry, next.byId.get(appId))) {
					changed.add(appId);
				}
			});
			next.byId.keySet().stream().filter((appId) -> !this.byId.containsKey(appId)).sorted().forEach(changed::add);
			return changed;
		}

	}

}
