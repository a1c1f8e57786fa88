package dev.kefu.rules;

import java.time.Duration;

import dev.kefu.inbox.MessageReceived;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Users handed over to WeChat's customer-service tool, in {@code rules_transfer_hold}: a
 * push answered with {@code transfer_customer_service} starts a hold, during which the
 * rules send the user no automatic reply (keyword or default); each message of theirs
 * moves its end on by {@code kefu.rules.transfer-hold} (WeChat ends its own hand-over
 * after 30 minutes of inactivity), and entering the chat again ends it.
 * <p>
 * Runs in the transaction that records the message, before the rules decide: a user
 * message costs one primary-key read (and a write only while a hold starts or goes on),
 * an entry into the chat one delete by primary key; so a hold holds across instances
 * sharing the database the moment the push that started it commits. The time is the
 * push's arrival, not the clock: a message planned again later is judged as it arrived.
 */
@Repository
class TransferHolds {

	private final JdbcClient jdbc;

	private final Duration hold;

	TransferHolds(JdbcClient jdbc, RulesProperties properties) {
		this.jdbc = jdbc;
		this.hold = properties.transferHold();
	}

	/**
	 * Updates the user's hold for this message and says whether the message is held: a
	 * user message while a hold lasts (also one that transfers again). A message that
	 * starts a hold is not held itself: its rule's replies (such as "connecting you…")
	 * are sent.
	 */
	boolean holds(MessageReceived message) {
		if (this.hold.isZero()) {
			return false;
		}
		if (message.enteredChat()) {
			this.jdbc.sql("DELETE FROM rules_transfer_hold WHERE app_id = ? AND open_id = ?")
				.params(message.appId(), message.openId())
				.update();
			return false;
		}
		if (!message.userMessage()) {
			return false;
		}
		long at = message.receivedAt().toEpochMilli();
		long until = at + this.hold.toMillis();
		Long heldUntil = this.jdbc.sql("SELECT held_until FROM rules_transfer_hold WHERE app_id = ? AND open_id = ?")
			.params(message.appId(), message.openId())
			.query(Long.class)
			.optional()
			.orElse(null);
		boolean held = heldUntil != null && heldUntil > at;
		if (held || (heldUntil != null && message.transferred())) {
			this.jdbc.sql(
					"UPDATE rules_transfer_hold SET held_until = ? WHERE app_id = ? AND open_id = ? AND held_until < ?")
				.params(until, message.appId(), message.openId(), until)
				.update();
		}
		else if (message.transferred()) {
			// Should another instance insert the row at the same instant, the duplicate
			// key rolls
			// this push's plan back, and the inbox plans it again (finding the row).
			this.jdbc.sql("INSERT INTO rules_transfer_hold (app_id, open_id, held_until) VALUES (?, ?, ?)")
				.params(message.appId(), message.openId(), until)
				.update();
		}
		return held;
	}

}
