package dev.kefu.outbox;

/** Where a delivery stands. */
public enum DeliveryStatus {

	/** Planned and waiting for its turn. */
	PENDING,
	/** WeChat accepted it. */
	SENT,
	/** An attempt failed for a reason that may pass; another is scheduled. */
	RETRYING,
	/**
	 * Retrying will not help (or attempts ran out): a dead letter an operator may retry.
	 */
	FAILED,
	/**
	 * The user's sending window closed or WeChat's quota ran out before it could be sent.
	 */
	EXPIRED,
	/** Not sent: the user's allowance was already planned for earlier parts. */
	SKIPPED_QUOTA

}
