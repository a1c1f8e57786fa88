package dev.kefu.wechat.push;

import java.util.Objects;

/**
 * A push (or a part of one) that kefu refuses, with the typed {@link Reason} the caller
 * classifies with a {@code switch}.
 * <p>
 * The message names what was wrong but never contains the body, a token, an AES key or a
 * decrypted plaintext, so it is safe to log. Rejections are expected outcomes of hostile
 * or broken input, not programming errors, so the exception carries no stack trace.
 */
public class PushRejectedException extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * Why a push was refused. Every failure the push package detects has its own reason.
	 */
	public enum Reason {

		/** A required query parameter or body field is absent. */
		MISSING_PARAMETER,
		/** The plaintext-mode {@code signature} does not match. */
		BAD_SIGNATURE,
		/**
		 * The {@code msg_signature} over token, timestamp, nonce and {@code Encrypt} does
		 * not match.
		 */
		BAD_MSG_SIGNATURE,
		/** The timestamp is not a number or lies outside the accepted clock skew. */
		STALE_TIMESTAMP,
		/** {@code Encrypt} is not valid standard Base64. */
		BAD_BASE64,
		/** The ciphertext is empty or not a multiple of 32 bytes. */
		BAD_CIPHERTEXT_LENGTH,
		/** The PKCS#7 padding (block size 32) is not valid after decryption. */
		BAD_PADDING,
		/** The 4-byte message length field points outside the decrypted data. */
		BAD_MESSAGE_LENGTH,
		/** The app id trailing the decrypted message is not the configured one. */
		APP_ID_MISMATCH,
		/** The XML body declares a DOCTYPE (refused: no DTDs, no entities). */
		DOCTYPE,
		/**
		 * The body is not well-formed XML or JSON, is truncated, or has the wrong shape.
		 */
		MALFORMED_BODY,
		/** The body exceeds the accepted size. */
		BODY_TOO_LARGE,
		/** The push names an app kefu does not serve. */
		UNKNOWN_APP,
		/**
		 * The signature was made for a URL check
		 * ({@link PushSignature#CHECK_NONCE_PREFIX}), never valid for a push.
		 */
		CHECK_SIGNATURE,
		/**
		 * The push is not in the app's message encryption mode (e.g. plaintext for a
		 * safe-mode app).
		 */
		MODE_MISMATCH,
		/**
		 * The push's signature (with its timestamp and nonce) was already accepted for
		 * another body: a captured query string replayed with a forged message.
		 */
		REPLAYED_SIGNATURE

	}

	private final Reason reason;

	public PushRejectedException(Reason reason, String message) {
		this(reason, message, null);
	}

	public PushRejectedException(Reason reason, String message, Throwable cause) {
		super(Objects.requireNonNull(reason, "reason") + ": " + message, cause, false, false);
		this.reason = reason;
	}

	/** The typed reason, never {@code null}. */
	public Reason reason() {
		return this.reason;
	}

}
