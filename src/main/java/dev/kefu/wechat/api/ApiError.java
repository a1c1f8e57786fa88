package dev.kefu.wechat.api;

/**
 * Why a call to WeChat did not succeed, classified so that a caller can decide with a
 * {@code switch} on {@link #kind()}.
 *
 * @param kind what the caller should do about it
 * @param errcode WeChat's {@code errcode}, or {@code null} when WeChat gave none
 * (timeouts, I/O errors, non-2xx HTTP answers)
 * @param errmsg WeChat's {@code errmsg}, or a short description of the transport failure;
 * never contains an access token or a secret
 */
public record ApiError(Kind kind, Integer errcode, String errmsg) {

	/** What a caller should do about an error. */
	public enum Kind {

		/**
		 * The access token was rejected (40001, 40014, 42001): refresh once and retry.
		 */
		TOKEN_INVALID,
		/**
		 * WeChat was busy or unreachable (-1, HTTP 5xx, timeouts, I/O): back off and
		 * retry.
		 */
		TRANSIENT,
		/** The user's reply window has closed (45015): do not retry. */
		WINDOW_CLOSED,
		/**
		 * The user's reply allowance is used up (45047): do not retry until the user
		 * writes again.
		 */
		QUOTA,
		/** The media_id is unknown or expired (40007): upload the media again. */
		MEDIA_INVALID,
		/** Anything else: retrying will not help. */
		PERMANENT

	}

	/** Classifies a non-zero {@code errcode} of the customer-service API. */
	static ApiError of(int errcode, String errmsg) {
		Kind kind = switch (errcode) {
			case -1 -> Kind.TRANSIENT;
			case 40001, 40014, 42001 -> Kind.TOKEN_INVALID;
			case 45015 -> Kind.WINDOW_CLOSED;
			case 45047 -> Kind.QUOTA;
			case 40007 -> Kind.MEDIA_INVALID;
			default -> Kind.PERMANENT;
		};
		return new ApiError(kind, errcode, errmsg);
	}

	static ApiError transientFailure(String description) {
		return new ApiError(Kind.TRANSIENT, null, description);
	}

	/** The error code as a metric tag or log field: the errcode, or {@code none}. */
	public String errcodeTag() {
		return (this.errcode != null) ? this.errcode.toString() : "none";
	}

}
