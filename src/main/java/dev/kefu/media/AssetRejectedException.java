package dev.kefu.media;

/**
 * An asset could not be stored, fetched, found or deleted; {@link #reason()} says why and
 * the message says it in words (never with the content).
 */
public class AssetRejectedException extends RuntimeException {

	/** Why. */
	public enum Reason {

		/** No app has that AppID. */
		UNKNOWN_APP,

		/** The app has no asset with that id. */
		UNKNOWN_ASSET,

		/** Empty, or not a PNG, JPEG or GIF by its content. */
		NOT_AN_IMAGE,

		/** Larger than {@link Assets#MAX_SIZE}. */
		TOO_LARGE,

		/** The URL is not an absolute http or https URL. */
		NOT_HTTP,

		/**
		 * The URL's host resolves to a loopback, private or otherwise internal address.
		 */
		PRIVATE_ADDRESS,

		/**
		 * The host could not be resolved, the connection failed or the answer was no
		 * image.
		 */
		FETCH_FAILED,

		/** Still referred to (by a rule's reply, for example). */
		IN_USE

	}

	private final Reason reason;

	public AssetRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
