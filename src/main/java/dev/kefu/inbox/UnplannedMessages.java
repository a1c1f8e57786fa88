package dev.kefu.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.kefu.BackgroundTask;
import dev.kefu.TransientDatabaseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recorded pushes whose reply could not be planned (table {@code inbox_unplanned}), and
 * the loop that plans them again. Every instance runs the loop once a second; an attempt
 * is claimed with a conditional update on the attempt count, so two instances never plan
 * one message twice. A plan that succeeds commits with the removal of its row. After
 * {@link PlanRetryProperties#maxAttempts()} the row is marked {@code GAVE_UP} and
 * {@link MessageUnanswered} is published in that transaction, so the message shows among
 * the deliveries as a dead letter with its reason.
 */
@Component
class UnplannedMessages extends BackgroundTask {

	private static final Logger log = LoggerFactory.getLogger(UnplannedMessages.class);

	private static final int BATCH = 100;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final PlanRetryProperties properties;

	private final Clock clock;

	UnplannedMessages(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events,
			PlanRetryProperties properties, Clock clock) {
		super("inbox-plan-retries", Duration.ofSeconds(1));
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * In the caller's transaction: the push was recorded, its plan failed for
	 * {@code reason}.
	 */
	void add(AcceptedPush push, String reason, Instant now) {
		this.jdbc
			.sql("INSERT INTO inbox_unplanned (message_id, app_id, status, attempts, next_attempt_at, last_error, "
					+ "created_at, updated_at) VALUES (?, ?, 'WAITING', 1, ?, ?, ?, ?)")
			.params(push.id(), push.appId(), now.plus(this.properties.delayAfter(1)).toEpochMilli(), truncate(reason),
					now.toEpochMilli(), now.toEpochMilli())
			.update();
	}

	@Override
	protected void runOnce() {
		retryDue();
	}

	/** Plans the messages whose next attempt is due; answers how many were planned. */
	int retryDue() {
		Instant now = this.clock.instant();
		List<Due> due = this.jdbc
			.sql("SELECT message_id, attempts FROM inbox_unplanned WHERE status = 'WAITING' AND next_attempt_at <= ? "
					+ "ORDER BY next_attempt_at LIMIT " + BATCH)
			.param(now.toEpochMilli())
			.query((rs, n) -> new Due(rs.getString(1), rs.getInt(2)))
			.list();
		int planned = 0;
		for (Due message : due) {
			if (claim(message, now) && retry(message)) {
				planned++;
			}
		}
		return planned;
	}

	private boolean claim(Due message, Instant now) {
		Instant next = now.plus(this.properties.delayAfter(message.attempts + 1));
		return this.jdbc
			.sql("UPDATE inbox_unplanned SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ? "
					+ "WHERE message_id = ? AND attempts = ? AND status = 'WAITING'")
			.params(next.toEpochMilli(), now.toEpochMilli(), message.id, message.attempts)
			.update() == 1;
	}

	private boolean retry(Due message) {
		Optional<MessageReceived> received = find(message.id);
		if (received.isEmpty()) {
			// purged or deleted meanwhile: nothing left to answer
			this.jdbc.sql("DELETE FROM inbox_unplanned WHERE message_id = ?").param(message.id).update();
			return false;
		}
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.events.publishEvent(received.get());
				this.jdbc.sql("DELETE FROM inbox_unplanned WHERE message_id = ?").param(message.id).update();
			});
			log.info("Planned the reply to message {} of app {} at attempt {}", message.id, received.get().appId(),
					message.attempts + 1);
			return true;
		}
		catch (RuntimeException ex) {
			failed(message, received.get(), ex);
			return false;
		}
	}

	private void failed(Due message, MessageReceived received, RuntimeException ex) {
		String reason = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		Instant now = this.clock.instant();
		boolean last = message.attempts + 1 >= this.properties.maxAttempts() && !TransientDatabaseErrors.isOutage(ex);
		if (!last) {
			log.warn("Could not plan the reply to message {} of app {} (attempt {}): {}", message.id, received.appId(),
					message.attempts + 1, reason);
			this.jdbc.sql("UPDATE inbox_unplanned SET last_error = ?, updated_at = ? WHERE message_id = ?")
				.params(truncate(reason), now.toEpochMilli(), message.id)
				.update();
			return;
		}
		log.error("Gave up planning the reply to message {} of app {} after {} attempts: {}", message.id,
				received.appId(), message.attempts + 1, reason);
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql(
					"UPDATE inbox_unplanned SET status = 'GAVE_UP', last_error = ?, updated_at = ? WHERE message_id = ?")
				.params(truncate(reason), now.toEpochMilli(), message.id)
				.update();
			this.events.publishEvent(new MessageUnanswered(message.id, received.appId(), received.openId(),
					received.receivedAt(), reason));
		});
	}

	private Optional<MessageReceived> find(String messageId) {
		return this.jdbc
			.sql("SELECT id, app_id, open_id, msg_type, event_type, content, session_from, received_at, transferred "
					+ "FROM inbox_message WHERE id = ?")
			.param(messageId)
			.query((rs, n) -> new MessageReceived(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)),
					rs.getBoolean(9)))
			.optional();
	}

	private static String truncate(String value) {
		return (value != null && value.length() > 512) ? value.substring(0, 512) : value;
	}

	private record Due(String id, int attempts) {
	}

}
