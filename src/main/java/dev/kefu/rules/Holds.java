package dev.kefu.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who answers a user instead of the rules: while someone holds a user's conversation (an
 * agent who claimed it at the desk), keyword and default rules stay silent for that user;
 * welcome replies still answer unless the app's operator chose otherwise
 * ({@code rules_hold_policy}, see {@link #welcomeWhenHeld(String, boolean)}). The one
 * place that decides it, so that other reasons to keep the rules quiet can be added as
 * holders: a rule that hands a user to an agent ({@link RulePart.Agent}) holds them as
 * {@link #QUEUE} until an agent takes the hold over by claiming the conversation, or it
 * lapses ({@code kefu.rules.agent-queue-hold}).
 * <p>
 * A hold is a row of {@code rules_hold}, one per user at most, taken with a conditional
 * update or an insert-if-absent in the shared database: exclusive across instances. It
 * lapses at its {@code until} (no job needed), or is released. The planner asks
 * {@link #silences} for every message, from memory: each instance keeps the current holds
 * in a snapshot, changed at once by its own takes and releases and reloaded from the
 * database every {@code kefu.rules.refresh-interval} ({@code HoldsRefresher}), so a hold
 * taken on another instance silences the rules here within that interval; the apps whose
 * welcome replies stay silent too are reloaded with them.
 */
@Component
public class Holds {

	/**
	 * A user's conversation held by someone.
	 *
	 * @param appId the mini program
	 * @param openId the user
	 * @param holder who holds it (a console user name)
	 * @param until when it lapses unless taken again
	 */
	public record Hold(String appId, String openId, String holder, Instant until) {

		/**
		 * Whether the user waits in the desk's queue, handed over by a rule, with no
		 * agent yet.
		 */
		public boolean queued() {
			return QUEUE.equals(this.holder);
		}

	}

	/**
	 * The holder of a user a rule handed to an agent ({@link RulePart.Agent}) while no
	 * agent has claimed them yet: the user waits in the desk's queue, the rules silent.
	 * Not a console user name (those have no {@code *}); any agent may take it over.
	 */
	public static final String QUEUE = "*queue";

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * app id and open id → when the hold lapses (epoch ms); replaced whole, never changed
	 * in place.
	 */
	private volatile Map<String, Long> snapshot = Map.of();

	/** The apps whose welcome replies do not answer a held user; replaced whole. */
	private volatile Set<String> quietWelcomes = Set.of();

	Holds(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Takes the user's conversation for {@code holder} until {@code until}, or extends
	 * their hold: {@code false} when someone else holds it now. Not in the caller's
	 * transaction on purpose: a refused insert must not spoil it, so call it outside one.
	 */
	public boolean take(String appId, String openId, String holder, Instant until) {
		long now = this.clock.millis();
		boolean taken = this.jdbc
			.sql("UPDATE rules_hold SET holder = ?, held_until = ?, updated_at = ? "
					+ "WHERE app_id = ? AND open_id = ? AND (holder = ? OR held_until <= ? OR holder = ?)")
			.params(holder, until.toEpochMilli(), now, appId, openId, holder, now, QUEUE)
			.update() == 1;
		if (!taken) {
			try {
				this.jdbc.sql(
						"INSERT INTO rules_hold (app_id, open_id, holder, held_until, updated_at) VALUES (?, ?, ?, ?, ?)")
					.params(appId, openId, holder, until.toEpochMilli(), now)
					.update();
				taken = true;
			}
			catch (DuplicateKeyException ex) {
				// someone else's hold, taken or still current
				return false;
			}
		}
		remember(key(appId, openId), until.toEpochMilli());
		return true;
	}

	/**
	 * Puts the user in the desk's queue until {@code until} ({@link #QUEUE} holds them),
	 * unless an agent holds them now: in the caller's transaction (the one that records
	 * the message), so it commits with the rules' decision. Should another instance
	 * insert the row at the same instant, the duplicate key rolls the message's plan back
	 * and the inbox plans it again. This instance's snapshot learns of it once the
	 * transaction commits; the others at their next reload.
	 */
	void queue(String appId, String openId, Instant until) {
		long now = this.clock.millis();
		boolean queued = this.jdbc
			.sql("UPDATE rules_hold SET holder = ?, held_until = ?, updated_at = ? "
					+ "WHERE app_id = ? AND open_id = ? AND (holder = ? OR held_until <= ?)")
			.params(QUEUE, until.toEpochMilli(), now, appId, openId, QUEUE, now)
			.update() == 1;
		if (!queued) {
			if (find(appId, openId).isPresent()) {
				// an agent claimed the user meanwhile: they answer, nobody needs to queue
				return;
			}
			this.jdbc
				.sql("INSERT INTO rules_hold (app_id, open_id, holder, held_until, updated_at) VALUES (?, ?, ?, ?, ?)")
				.params(appId, openId, QUEUE, until.toEpochMilli(), now)
				.update();
		}
		String key = key(appId, openId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					remember(key, until.toEpochMilli());
				}
			});
		}
		else {
			remember(key, until.toEpochMilli());
		}
	}

	/** Ends {@code holder}'s hold on the user; {@code false} when they held none. */
	public boolean release(String appId, String openId, String holder) {
		boolean released = this.jdbc.sql("DELETE FROM rules_hold WHERE app_id = ? AND open_id = ? AND holder = ?")
			.params(appId, openId, holder)
			.update() == 1;
		remember(key(appId, openId), null);
		return released;
	}

	/** The user's current hold, from the database. */
	public Optional<Hold> find(String appId, String openId) {
		return this.jdbc
			.sql("SELECT app_id, open_id, holder, held_until FROM rules_hold WHERE app_id = ? AND open_id = ? "
					+ "AND held_until > ?")
			.params(appId, openId, this.clock.millis())
			.query((rs, n) -> new Hold(rs.getString(1), rs.getString(2), rs.getString(3),
					Instant.ofEpochMilli(rs.getLong(4))))
			.optional();
	}

	/** The app's current holds, from the database. */
	public List<Hold> current(String appId) {
		return this.jdbc
			.sql("SELECT app_id, open_id, holder, held_until FROM rules_hold WHERE app_id = ? AND held_until > ?")
			.params(appId, this.clock.millis())
			.query((rs, n) -> new Hold(rs.getString(1), rs.getString(2), rs.getString(3),
					Instant.ofEpochMilli(rs.getLong(4))))
			.list();
	}

	/**
	 * A value that changes when a hold of the app is taken, extended or released, here or
	 * on another instance: for pollers, who compare it with the last one they saw.
	 */
	public String revision(String appId) {
		return this.jdbc.sql("SELECT COUNT(*), MAX(updated_at) FROM rules_hold WHERE app_id = ?")
			.param(appId)
			.query((rs, n) -> rs.getLong(1) + ":" + rs.getLong(2))
			.single();
	}

	/**
	 * Whether the rules stay silent for the user at {@code at}: from memory, in
	 * microseconds.
	 */
	boolean silences(String appId, String openId, Instant at) {
		Long until = this.snapshot.get(key(appId, openId));
		return until != null && until > at.toEpochMilli();
	}

	/**
	 * Whether the rules stay silent for the user at {@code at}, for a welcome reply
	 * ({@code welcome}) or for keyword and default rules: from memory.
	 */
	boolean silences(String appId, String openId, Instant at, boolean welcome) {
		return silences(appId, openId, at) && (!welcome || this.quietWelcomes.contains(appId));
	}

	/**
	 * Whether welcome replies still answer the app's held users (the default), from the
	 * database.
	 */
	public boolean welcomesWhenHeld(String appId) {
		return this.jdbc.sql("SELECT welcome_when_held FROM rules_hold_policy WHERE app_id = ?")
			.param(appId)
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	/**
	 * Sets whether welcome replies still answer the app's held users: at once on this
	 * instance, on the others at their next reload.
	 */
	public void welcomeWhenHeld(String appId, boolean answers) {
		long now = this.clock.millis();
		if (this.jdbc.sql("UPDATE rules_hold_policy SET welcome_when_held = ?, updated_at = ? WHERE app_id = ?")
			.params(answers, now, appId)
			.update() == 0) {
			try {
				this.jdbc.sql("INSERT INTO rules_hold_policy (app_id, welcome_when_held, updated_at) VALUES (?, ?, ?)")
					.params(appId, answers, now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// set at the same moment elsewhere: the last of the two writes wins
				this.jdbc.sql("UPDATE rules_hold_policy SET welcome_when_held = ?, updated_at = ? WHERE app_id = ?")
					.params(answers, now, appId)
					.update();
			}
		}
		rememberWelcome(appId, answers);
	}

	/**
	 * Reloads the snapshot with every current hold (called by {@code HoldsRefresher}).
	 */
	synchronized void reload() {
		Map<String, Long> current = new HashMap<>();
		this.jdbc.sql("SELECT app_id, open_id, held_until FROM rules_hold WHERE held_until > ?")
			.param(this.clock.millis())
			.query((rs, n) -> current.put(key(rs.getString(1), rs.getString(2)), rs.getLong(3)))
			.list();
		this.snapshot = Map.copyOf(current);
		this.quietWelcomes = Set
			.copyOf(this.jdbc.sql("SELECT app_id FROM rules_hold_policy WHERE welcome_when_held = ?")
				.param(false)
				.query(String.class)
				.list());
	}

	private synchronized void rememberWelcome(String appId, boolean answers) {
		Set<String> next = new HashSet<>(this.quietWelcomes);
		if (answers) {
			next.remove(appId);
		}
		else {
			next.add(appId);
		}
		this.quietWelcomes = Set.copyOf(next);
	}

	private synchronized void remember(String key, Long until) {
		Map<String, Long> next = new HashMap<>(this.snapshot);
		if (until == null) {
			next.remove(key);
		}
		else {
			next.put(key, until);
		}
		this.snapshot = Map.copyOf(next);
	}

	private static String key(String appId, String openId) {
		return appId + '\n' + openId;
	}

}
