package dev.kefu.emulator;

import java.time.Instant;

/**
 * What became of one push, as WeChat sees the callback's answer.
 *
 * @param at when the push was sent (emulator time)
 * @param appId the app
 * @param openId the user
 * @param what what the user did ({@code text}, {@code image},
 * {@code user_enter_tempsession}…)
 * @param mode the encryption mode used
 * @param format the data format used
 * @param status the verdict
 * @param httpStatus the callback's HTTP status, 0 when it never answered
 * @param attempts how many times it was sent
 * @param detail a short explanation for the developer (never a secret or a whole body)
 */
record PushOutcome(Instant at, String appId, String openId, String what, PushMode mode,
		dev.kefu.wechat.push.PushFormat format, Status status, int httpStatus, int attempts, String detail) {

	enum Status {

		/** Answered {@code success} or an empty body. */
		ACKNOWLEDGED,
		/** Answered with a valid {@code transfer_customer_service} reply. */
		TRANSFERRED,
		/**
		 * Answered with a well-formed passive reply WeChat does not deliver (e.g. a
		 * text).
		 */
		IGNORED,
		/**
		 * No answer in time, an HTTP error, or a malformed or badly signed reply: the
		 * user sees a notice.
		 */
		FAILED

	}

	public boolean ok() {
		return this.status != Status.FAILED;
	}

}
