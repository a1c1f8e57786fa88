package dev.kefu.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.kefu.TimeOrderedIds;
import dev.kefu.rules.Reply;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replies written by hand (at the agent desk): each is a delivery like a rule's reply
 * part, planned against the same allowance and sent, retried and expired by the same
 * machinery, with the console user who wrote it on record ({@code sent_by}). A send the
 * allowance no longer permits is refused here, before anything is stored.
 */
@Service
public class HandReplies {

	/**
	 * What WeChat still allows to be sent to a user.
	 *
	 * @param left how many more sends
	 * @param max how many the window allows in all
	 * @param closesAt when the window closes
	 */
	public record Allowance(int left, int max, Instant closesAt) {
	}

	/** Why a reply by hand was not sent. */
	public enum Refusal {

		/** The user never wrote: there is no window to answer in. */
		NO_WINDOW,
		/** The user's window closed. */
		WINDOW_CLOSED,
		/** The window's sends are all planned. */
		USED_UP

	}

	/**
	 * The outcome of a reply by hand: the delivery planned, or why not.
	 *
	 * @param deliveryId the delivery, or {@code null} when refused
	 * @param refusal why it was refused, or {@code null} when planned
	 */
	public record Outcome(String deliveryId, Refusal refusal) {
	}

	/**
	 * A reply to a user as the conversation shows it.
	 *
	 * @param delivery the delivery and its status
	 * @param reply what it carries (null for an unplanned-message marker)
	 * @param sentBy the console user who wrote it, or {@code null} for a rule's reply
	 */
	public record Sent(Delivery delivery, Reply reply, String sentBy) {
	}

	private final AllowanceStore allowances;

	private final DeliveryStore deliveries;

	private final Dispatcher dispatcher;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final OutboxProperties properties;

	HandReplies(AllowanceStore allowances, DeliveryStore deliveries, Dispatcher dispatcher, JdbcClient jdbc,
			Clock clock, OutboxProperties properties) {
		this.allowances = allowances;
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * What the user's allowance permits now; empty when the user has no window on record.
	 */
	public Optional<Allowance> allowance(String appId, String openId) {
		return this.allowances.current(appId, openId)
			.map((use) -> new Allowance(
					this.clock.instant().isBefore(use.window().end())
							? Math.max(0, use.window().maxSends() - use.planned()) : 0,
					use.window().maxSends(), use.window().end()));
	}

	/** Why a send now would be refused, or {@code null} when the allowance permits it. */
	public Refusal refusal(Optional<Allowance> allowance) {
		if (allowance.isEmpty()) {
			return Refusal.NO_WINDOW;
		}
		if (!this.clock.instant().isBefore(allowance.get().closesAt())) {
			return Refusal.WINDOW_CLOSED;
		}
		return (allowance.get().left() > 0) ? null : Refusal.USED_UP;
	}

	/**
	 * Plans {@code reply} to the user, written by {@code sentBy}, and sends it once the
	 * caller's transaction commits (or at once without one).
	 */
	@Transactional
	public Outcome send(String appId, String openId, Reply reply, String sentBy) {
		Instant now = this.clock.instant();
		Optional<Window.Use> use = this.allowances.current(appId, openId);
		if (use.isEmpty()) {
			return new Outcome(null, Refusal.NO_WINDOW);
		}
		Grant grant = this.allowances.planOne(appId, openId, now);
		if (grant.granted() == 0) {
			return new Outcome(null, now.isBefore(grant.deadline()) ? Refusal.USED_UP : Refusal.WINDOW_CLOSED);
		}
		String id = TimeOrderedIds.next(now);
		// its own "message": one part, sent in order by itself, never waiting behind a
		// rule's parts
		Delivery delivery = new Delivery(id, appId, openId, id, 0, null, reply.type(), DeliveryStatus.PENDING, 1, null,
				null, use.get().window().start(), grant.deadline(), now.plus(this.properties.lease()), now, now, null);
		DeliveryStore.Row row = new DeliveryStore.Row(delivery, DeliveryStore.replyJson(reply));
		this.deliveries.insert(List.of(row));
		this.jdbc.sql("UPDATE outbox_delivery SET sent_by = ? WHERE id = ?").params(sentBy, id).update();
		this.dispatcher.dispatchAfterCommit(id, List.of(row.inHand(true)));
		return new Outcome(id, null);
	}

	/**
	 * A reply by hand, for figures.
	 *
	 * @param openId the user it was sent to
	 * @param sentBy the console user who wrote it
	 * @param createdAt when it was written
	 * @param status its delivery's status now
	 */
	public record ByHand(String openId, String sentBy, Instant createdAt, DeliveryStatus status) {
	}

	/** The app's replies by hand written in {@code [from, to)}, oldest first. */
	public List<ByHand> byHand(String appId, Instant from, Instant to) {
		// ix_outbox_delivery_by_hand serves it without reading the rules' replies (H2
		// keeps to ix_outbox_delivery_app and reads them)
		return this.jdbc.sql(
				"SELECT open_id, sent_by, created_at, status FROM outbox_delivery WHERE app_id = ? AND sent_by IS NOT NULL "
						+ "AND created_at >= ? AND created_at < ? ORDER BY created_at")
			.params(appId, from.toEpochMilli(), to.toEpochMilli())
			.query((rs, n) -> new ByHand(rs.getString(1), rs.getString(2), instant(rs.getLong(3)),
					DeliveryStatus.valueOf(rs.getString(4))))
			.list();
	}

	/**
	 * How many replies by hand each console user wrote in {@code [from, to)} that were
	 * sent, by name; counted by the database.
	 */
	public Map<String, Integer> sentByHand(String appId, Instant from, Instant to) {
		Map<String, Integer> sent = new HashMap<>();
		// as byHand: ix_outbox_delivery_by_hand serves it
		this.jdbc
			.sql("SELECT sent_by, COUNT(*) FROM outbox_delivery WHERE app_id = ? AND sent_by IS NOT NULL "
					+ "AND created_at >= ? AND created_at < ? AND status = ? GROUP BY sent_by")
			.params(appId, from.toEpochMilli(), to.toEpochMilli(), DeliveryStatus.SENT.name())
			.query((rs, n) -> sent.put(rs.getString(1), rs.getInt(2)))
			.list();
		return sent;
	}

	/**
	 * When each user of the app last had a reply by hand written to them in
	 * {@code [from, to)}, whatever became of it; users with none are left out.
	 */
	public Map<String, Instant> lastByHand(String appId, Instant from, Instant to) {
		Map<String, Instant> last = new HashMap<>();
		this.jdbc
			.sql("SELECT open_id, MAX(created_at) FROM outbox_delivery WHERE app_id = ? AND sent_by IS NOT NULL "
					+ "AND created_at >= ? AND created_at < ? GROUP BY open_id")
			.params(appId, from.toEpochMilli(), to.toEpochMilli())
			.query((rs, n) -> last.put(rs.getString(1), instant(rs.getLong(2))))
			.list();
		return last;
	}

	/**
	 * The replies to the user, rules' and by hand, oldest first, at most {@code limit}
	 * (the latest).
	 */
	public List<Sent> to(String appId, String openId, int limit) {
		List<Sent> newestFirst = this.jdbc
			.sql("SELECT id, message_id, part_index, rule_id, reply_type, reply_json, status, attempts, last_errcode, "
					+ "last_errmsg, received_at, deadline_at, next_attempt_at, created_at, updated_at, sent_at, sent_by "
					+ "FROM outbox_delivery WHERE app_id = ? AND open_id = ? ORDER BY created_at DESC, part_index DESC LIMIT ?")
			.params(appId, openId, limit)
			.query((rs, n) -> {
				int errcode = rs.getInt("last_errcode");
				Integer code = rs.wasNull() ? null : errcode;
				Delivery d = new Delivery(rs.getString("id"), appId, openId, rs.getString("message_id"),
						rs.getInt("part_index"), rs.getString("rule_id"), rs.getString("reply_type"),
						DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), code,
						rs.getString("last_errmsg"), instant(rs.getLong("received_at")),
						instant(rs.getLong("deadline_at")), null, instant(rs.getLong("created_at")),
						instant(rs.getLong("updated_at")),
						(rs.getObject("sent_at") != null) ? instant(rs.getLong("sent_at")) : null);
				return new Sent(d, reply(rs.getString("reply_type"), rs.getString("reply_json")),
						rs.getString("sent_by"));
			})
			.list();
		List<Sent> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	private Reply reply(String type, String replyJson) {
		return DeliveryPlanner.UNPLANNED.equals(type) ? null : DeliveryStore.reply(type, replyJson);
	}

	private static Instant instant(long millis) {
		return Instant.ofEpochMilli(millis);
	}

}
