package dev.kefu.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deliveries of each app, for operators: list them and retry a dead letter.
 */
@Service
public class Deliveries {

	/** What became of an operator's retry. */
	public enum RetryOutcome {

		/** The delivery is PENDING again and will be sent shortly. */
		RETRIED,
		/** The app has no delivery with this id. */
		NOT_FOUND,
		/** Only a FAILED delivery can be retried. */
		NOT_FAILED,
		/** The user's sending window has closed: WeChat would refuse it. */
		WINDOW_CLOSED,
		/** Nothing was planned for the message, so there is nothing to send again. */
		NOTHING_PLANNED

	}

	/** The most a listing returns. */
	public static final int MAX_LIMIT = 500;

	private final DeliveryStore store;

	private final Dispatcher dispatcher;

	private final Clock clock;

	Deliveries(DeliveryStore store, Dispatcher dispatcher, Clock clock) {
		this.store = store;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/**
	 * The app's deliveries, newest first.
	 * @param status only these, or all when {@code null}
	 * @param openId only this user's, or everyone's when {@code null}
	 * @param limit at most this many, 1 to {@link #MAX_LIMIT}
	 */
	public List<Delivery> list(String appId, DeliveryStatus status, String openId, int limit) {
		return this.store.list(appId, status, openId, Math.max(1, Math.min(limit, MAX_LIMIT)));
	}

	public Optional<Delivery> find(String appId, String id) {
		return this.store.find(appId, id).map(DeliveryStore.Row::delivery);
	}

	/**
	 * Sends a FAILED delivery again, with a fresh set of attempts, if its window is still
	 * open.
	 */
	@Transactional
	public RetryOutcome retry(String appId, String id) {
		Optional<Delivery> found = find(appId, id);
		if (found.isEmpty()) {
			return RetryOutcome.NOT_FOUND;
		}
		Delivery delivery = found.get();
		Instant now = this.clock.instant();
		if (delivery.status() != DeliveryStatus.FAILED) {
			return RetryOutcome.NOT_FAILED;
		}
		if (DeliveryPlanner.UNPLANNED.equals(delivery.type())) {
			return RetryOutcome.NOTHING_PLANNED;
		}
		if (!now.isBefore(delivery.deadlineAt())) {
			return RetryOutcome.WINDOW_CLOSED;
		}
		if (!this.store.reopen(id, now)) {
			return RetryOutcome.NOT_FAILED;
		}
		this.dispatcher.dispatchAfterCommit(delivery.messageId(), this.store.unsent(delivery.messageId()));
		return RetryOutcome.RETRIED;
	}

}
