package dev.kefu.rules;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.kefu.apps.Apps;
import dev.kefu.media.Assets;
import dev.kefu.rules.RuleRejectedException.InvalidField;
import dev.kefu.rules.RuleStore.Stored;
import dev.kefu.rules.RuleVersion.Change;
import dev.kefu.rules.matching.Normalisation;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of every app: read, created, changed, deleted and restored, each change
 * validated, versioned (who, when, before and after) and made effective at once on this
 * instance (and within the refresh interval on the others). Thread-safe; changes to one
 * app's rules are serialised by a row lock, so two editors never both get a conflicting
 * EXACT keyword in.
 */
@Service
public class RuleBook {

	/** The most REGEX keywords one app may have, so matching stays cheap. */
	static final int MAX_REGEX_PER_APP = 100;

	private final RuleStore store;

	private final RuleHistory history;

	private final Apps apps;

	private final RuleMatchers matchers;

	private final RuleValidator validator;

	private final TransactionTemplate transactions;

	private final TransactionTemplate separately;

	private final Clock clock;

	RuleBook(RuleStore store, RuleHistory history, Apps apps, Assets assets, RuleMatchers matchers,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.store = store;
		this.history = history;
		this.apps = apps;
		this.matchers = matchers;
		this.validator = new RuleValidator((appId, assetId) -> assets.find(appId, assetId).isPresent());
		this.transactions = new TransactionTemplate(transactionManager);
		this.separately = new TransactionTemplate(transactionManager);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** The app's rules, oldest first. */
	public List<RuleDocument> list(String appId) {
		requireApp(appId);
		return this.store.all(appId)
			.stream()
			.map((stored) -> RuleDocument.of(stored.rule(), stored.version()))
			.toList();
	}

	public RuleDocument get(String appId, String id) {
		requireApp(appId);
		Stored stored = this.store.find(appId, id).orElseThrow(() -> RuleRejectedException.unknownRule(id));
		return RuleDocument.of(stored.rule(), stored.version());
	}

	/**
	 * What is wrong with {@code document} as one of the app's rules, saving nothing: the
	 * checks of the rule on its own (those against the app's other rules are made on
	 * saving). For previews.
	 */
	public List<RuleRejectedException.InvalidField> problems(String appId, RuleDocument document) {
		requireApp(appId);
		return this.validator.problems(appId, document);
	}

	public RuleDocument create(String appId, RuleDocument document, String actor) {
		return change(appId, (batch) -> batch.save(null, document, Change.CREATED, actor));
	}

	/** Replaces the rule's content with {@code document}. */
	public RuleDocument update(String appId, String id, RuleDocument document, String actor) {
		return change(appId, (batch) -> batch.save(batch.existing(id), document, Change.UPDATED, actor));
	}

	public void delete(String appId, String id, String actor) {
		change(appId, (batch) -> {
			batch.delete(batch.existing(id), actor);
			return null;
		});
	}

	/**
	 * What of the rule can never answer as the app's rules stand (see {@link Shadow}): a
	 * DEFAULT or WELCOME rule behind another, or keywords another rule always wins. Empty
	 * for a disabled rule.
	 */
	public List<Shadow> shadows(String appId, String id) {
		requireApp(appId);
		Stored stored = this.store.find(appId, id).orElseThrow(() -> RuleRejectedException.unknownRule(id));
		return RuleShadows.of(stored.rule(), this.matchers.matcher(appId));
	}

	/** The rule's versions, newest first; also for a deleted rule. */
	public List<RuleVersion> versions(String appId, String id) {
		requireApp(appId);
		List<RuleVersion> versions = this.history.versions(appId, id);
		if (versions.isEmpty()) {
			throw RuleRejectedException.unknownRule(id);
		}
		return versions;
	}

	/**
	 * Makes the rule what it was after {@code version}; recreates it if it was deleted
	 * since.
	 */
	public RuleDocument restore(String appId, String id, int version, String actor) {
		return change(appId, (batch) -> {
			RuleVersion target = this.history.version(appId, id, version)
				.orElseThrow(() -> RuleRejectedException.unknownVersion(id, version));
			if (target.after() == null) {
				throw RuleRejectedException.notRestorable(id, version);
			}
			Stored current = this.store.find(appId, id)
				.orElseGet(() -> new Stored(RuleValidator.rule(appId, id, target.after(), target.after().createdAt(),
						target.after().createdAt()), this.history.latest(appId, id)));
			return batch.save(current, target.after().content(), Change.RESTORED, actor);
		});
	}

	/**
	 * Runs {@code work} as one transaction holding the app's lock, then recompiles the
	 * app's matcher; all of it or none of it takes effect.
	 */
	<T> T change(String appId, Function<Batch, T> work) {
		return change(appId, work, (result) -> true);
	}

	/**
	 * Runs {@code work} as in {@link #change(String, Function)}, then keeps what it did
	 * only if {@code keep} accepts its result: otherwise the transaction is rolled back
	 * and nothing takes effect, so {@code work} can show what a change would do (a dry
	 * run) with the very code that makes it.
	 */
	<T> T change(String appId, Function<Batch, T> work, Predicate<T> keep) {
		requireApp(appId);
		ensureRevisionRow(appId);
		boolean[] kept = new boolean[1];
		T result = this.transactions.execute((status) -> {
			this.store.bumpRevision(appId);
			T done = work.apply(new Batch(appId));
			kept[0] = keep.test(done);
			if (!kept[0]) {
				status.setRollbackOnly();
			}
			return done;
		});
		if (kept[0]) {
			this.matchers.reload(appId);
		}
		return result;
	}

	private void ensureRevisionRow(String appId) {
		if (this.store.revisionRowMissing(appId)) {
			try {
				this.separately.executeWithoutResult((status) -> this.store.insertRevisionRow(appId));
			}
			catch (DuplicateKeyException ex) {
				// another editor created it first
			}
		}
	}

	/**
	 * @throws RuleRejectedException ({@code UNKNOWN_APP}) unless kefu serves the app
	 */
	public void requireApp(String appId) {
		if (this.apps.find(appId).isEmpty()) {
			throw RuleRejectedException.unknownApp(appId);
		}
	}

	/** Changes to one app's rules inside one transaction. */
	final class Batch {

		private final String appId;

		private Batch(String appId) {
			this.appId = appId;
		}

		/** The stored rule, or a 404. */
		Stored existing(String id) {
			return RuleBook.this.store.find(this.appId, id).orElseThrow(() -> RuleRejectedException.unknownRule(id));
		}

		/** The stored rule, if there is one. */
		Optional<Stored> find(String id) {
			return RuleBook.this.store.find(this.appId, id);
		}

		List<Stored> all() {
			return RuleBook.this.store.all(this.appId);
		}

		/**
		 * A creation time after every other of this batch: rules list in creation order,
		 * so rules created by one import (in one millisecond) keep the order they were
		 * given in.
		 */
		private Instant created(Instant now) {
			Instant created = (this.lastCreated != null && !now.isAfter(this.lastCreated))
					? this.lastCreated.plusMillis(1) : now;
			this.lastCreated = created;
			return created;
		}

		private Instant lastCreated;

		/**
		 * Validates and stores {@code document} as a new rule ({@code current} null) or
		 * over {@code current}; an unchanged rule is left alone, with no new version.
		 */
		RuleDocument save(Stored current, RuleDocument document, Change change, String actor) {
			String id = (current != null) ? current.rule().id() : UUID.randomUUID().toString();
			List<InvalidField> problems = RuleBook.this.validator.problems(this.appId, document);
			if (problems.isEmpty()) {
				problems.addAll(conflicts(id, document));
			}
			if (!problems.isEmpty()) {
				throw RuleRejectedException.invalid(problems);
			}
			Instant now = Instant.now(RuleBook.this.clock).truncatedTo(ChronoUnit.MILLIS);
			RuleDocument before = (current != null) ? RuleDocument.of(current.rule(), current.version()) : null;
			Instant createdAt = (current != null) ? current.rule().createdAt() : created(now);
			Rule rule = RuleValidator.rule(this.appId, id, document, createdAt, now);
			boolean stored = current != null && RuleBook.this.store.find(this.appId, id).isPresent();
			if (stored && before.content().equals(RuleDocument.of(rule, current.version()).content())) {
				return before;
			}
			int latest = RuleBook.this.history.latest(this.appId, id);
			int version = Math.max((current != null) ? current.version() : 0, latest) + 1;
			if (stored) {
				RuleBook.this.store.update(rule, version);
			}
			else {
				RuleBook.this.store.insert(rule, version);
			}
			RuleDocument after = RuleDocument.of(rule, version);
			RuleBook.this.history.record(this.appId,
					new RuleVersion(id, version, change, actor, now, stored ? before : null, after));
			return after;
		}

		void delete(Stored current, String actor) {
			Rule rule = current.rule();
			int version = current.version() + 1;
			RuleBook.this.store.delete(this.appId, rule.id());
			RuleBook.this.history.record(this.appId,
					new RuleVersion(rule.id(), version, Change.DELETED, actor,
							Instant.now(RuleBook.this.clock).truncatedTo(ChronoUnit.MILLIS),
							RuleDocument.of(rule, current.version()), null));
		}

		/**
		 * EXACT keywords another enabled rule has, and regex keywords beyond the app's
		 * limit.
		 */
		private List<InvalidField> conflicts(String id, RuleDocument document) {
			List<InvalidField> problems = new ArrayList<>();
			List<RuleDocument.KeywordItem> keywords = (document.keywords() != null) ? document.keywords() : List.of();
			boolean enabled = document.enabled() == null || document.enabled();
			if (enabled && document.trigger() == Trigger.KEYWORD) {
				List<String> exact = keywords.stream()
					.filter((keyword) -> keyword.match() == MatchMode.EXACT)
					.map((keyword) -> Normalisation.normalise(keyword.text()))
					.distinct()
					.toList();
				Map<String, String> owners = RuleBook.this.store.exactOwners(this.appId, exact, id);
				for (int i = 0; i < keywords.size(); i++) {
					RuleDocument.KeywordItem keyword = keywords.get(i);
					String owner = (keyword.match() == MatchMode.EXACT)
							? owners.get(Normalisation.normalise(keyword.text())) : null;
					if (owner != null) {
						problems.add(new InvalidField("keywords[" + i + "].text",
								"is already an EXACT keyword of enabled rule " + owner, owner));
					}
				}
			}
			int regexes = RuleBook.this.store.regexCount(this.appId, id);
			for (int i = 0; i < keywords.size(); i++) {
				if (keywords.get(i).match() == MatchMode.REGEX && ++regexes > MAX_REGEX_PER_APP) {
					problems.add(new InvalidField("keywords[" + i + "].text",
							"an app may have at most " + MAX_REGEX_PER_APP + " REGEX keywords"));
					break;
				}
			}
			return problems;
		}

	}

}
