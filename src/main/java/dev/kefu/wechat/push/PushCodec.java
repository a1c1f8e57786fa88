package dev.kefu.wechat.push;

import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.kefu.wechat.push.PushRejectedException.Reason;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Reads and writes push bodies and passive replies in both data formats.
 * <p>
 * Reading uses streaming parsers (StAX for XML, Jackson's token stream for JSON): no data
 * binding, no reflection. XML bodies declaring a DOCTYPE are refused
 * ({@link Reason#DOCTYPE}), so neither external entities (XXE) nor entity expansion
 * (billion laughs) can happen; malformed and truncated bodies of either format are
 * refused with {@link Reason#MALFORMED_BODY}. Unknown message types and fields are
 * accepted. Writing produces what WeChat produces: XML with text in CDATA and integers
 * bare, JSON without whitespace, without escaping non-ASCII characters or slashes.
 * <p>
 * One instance is thread-safe and meant to be shared; create it once.
 *
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html">Message
 * push guide</a>
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/customer-message/receive.html">Receive
 * messages and events</a>
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/customer-message/trans.html">Transfer
 * to the web customer-service tool</a>
 */
public final class PushCodec {

	private final JsonFactory json = JsonFactory.builder()
		// error locations must never quote the body (it may hold user messages), and
		// skipping
		// the source reference saves an allocation per parser
		.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
		// WeChat's own bodies carry Base64 with bare '/', keep them byte-identical
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.disable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.build();

	private final JsonPushReader jsonReader = new JsonPushReader(this.json);

	private final XmlPushReader xmlReader = new XmlPushReader();

	/**
	 * Reads the top level of a push body: {@code ToUserName}, {@code Encrypt} and, in
	 * plaintext and compatible mode, the message itself.
	 * @param body the raw request body
	 * @param format the format, usually {@link PushFormat#sniff(byte[])}
	 * @return the envelope, never {@code null}
	 * @throws PushRejectedException {@link Reason#DOCTYPE} or
	 * {@link Reason#MALFORMED_BODY}
	 */
	public PushEnvelope readEnvelope(byte[] body, PushFormat format) throws PushRejectedException {
		PushFields fields = new PushFields(true);
		switch (format) {
			case XML -> this.xmlReader.read(body, fields);
			case JSON -> this.jsonReader.read(body, fields);
		}
		return fields.toEnvelope();
	}

	/**
	 * Decodes a message: a decrypted {@code Encrypt}, or a plaintext body as text.
	 * @param plaintext the message text
	 * @param format the format the mini program is configured with
	 * @return the message, never {@code null}; fields absent from the text are
	 * {@code null}
	 * @throws PushRejectedException {@link Reason#DOCTYPE} or
	 * {@link Reason#MALFORMED_BODY} (also for a {@code CreateTime} that is not an
	 * integer)
	 */
	public PushMessage decode(String plaintext, PushFormat format) throws PushRejectedException {
		PushFields fields = new PushFields(false);
		switch (format) {
			case XML -> this.xmlReader.read(plaintext, fields);
			case JSON -> this.jsonReader.read(plaintext, fields);
		}
		return fields.toMessage();
	}

	/**
	 * Encodes a message as WeChat pushes it in plaintext mode (and as the plaintext
	 * inside {@code Encrypt}).
	 * @param message the message; {@code null} fields are left out
	 * @param format the data format
	 * @return the body text
	 */
	public String encode(PushMessage message, PushFormat format) {
		BodyWriter writer = BodyWriter.of(format, this.json);
		PushFields.emit(message, null, writer);
		return writer.finish();
	}

	/**
	 * Encodes a whole push body: safe mode ({@code ToUserName} and {@code Encrypt}) when
	 * the envelope has no plaintext, compatible mode (the message followed by
	 * {@code Encrypt}) when it has, plaintext mode when it has no {@code Encrypt}.
	 * @param envelope the envelope to write
	 * @param format the data format
	 * @return the body text
	 */
	public String encode(PushEnvelope envelope, PushFormat format) {
		BodyWriter writer = BodyWriter.of(format, this.json);
		if (envelope.plaintext() != null) {
			PushFields.emit(envelope.plaintext(), envelope.encrypt(), writer);
		}
		else {
			if (envelope.toUserName() != null) {
				writer.text(PushFields.TO_USER_NAME, envelope.toUserName());
			}
			if (envelope.encrypt() != null) {
				writer.text(PushFields.ENCRYPT, envelope.encrypt());
			}
		}
		return writer.finish();
	}

	/**
	 * The passive reply for compatible and safe mode: {@code replyPlaintext} encrypted
	 * with the current key and signed. An empty reply or {@code success} is returned
	 * unchanged, as WeChat requires those unencrypted.
	 * @param format the data format ({@code TimeStamp} is a JSON number, {@code Nonce} a
	 * string)
	 * @param cipher the app's cipher
	 * @param token the app's token
	 * @param replyPlaintext the reply, e.g. {@link #transferReply}
	 * @param timestamp {@code TimeStamp}: unix seconds now
	 * @param nonce {@code Nonce}: by WeChat's advice, the push's {@code nonce}
	 * @param random the source of the ciphertext's random prefix
	 * @return the reply body
	 * @see <a href=
	 * "https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html">Message
	 * push guide (encrypted replies)</a>
	 */
	public String encryptedReply(PushFormat format, PushCipher cipher, String token, String replyPlaintext,
			long timestamp, String nonce, RandomGenerator random) {
		return encryptedReply(format, cipher, token, replyPlaintext, timestamp, nonce, random, false);
	}

	/**
	 * As
	 * {@link #encryptedReply(PushFormat, PushCipher, String, String, long, String, RandomGenerator)},
	 * choosing the key: answer a push that only the previous key opened with that key.
	 * @param withPreviousKey {@link PushCipher.Decrypted#withPreviousKey()} of the push
	 */
	public String encryptedReply(PushFormat format, PushCipher cipher, String token, String replyPlaintext,
			long timestamp, String nonce, RandomGenerator random, boolean withPreviousKey) {
		Objects.requireNonNull(format, "format");
		if (replyPlaintext.isEmpty() || "success".equals(replyPlaintext)) {
			return replyPlaintext;
		}
		String encrypt = cipher.encrypt(replyPlaintext, random, withPreviousKey);
		String time = Long.toString(timestamp);
		BodyWriter writer = BodyWriter.of(format, this.json);
		writer.text(PushFields.ENCRYPT, encrypt);
		writer.text("MsgSignature", PushSignature.sign(token, time, nonce, encrypt));
		writer.integer("TimeStamp", time);
		writer.text("Nonce", nonce);
		return writer.finish();
	}

	/**
	 * The plaintext {@code transfer_customer_service} reply that hands the user to the
	 * web customer-service tool. Send it as is in plaintext mode; wrap it with
	 * {@link #encryptedReply} in compatible and safe mode. Answer user messages only,
	 * never events.
	 * @param format the data format
	 * @param toUser the user's OpenID (the push's {@code FromUserName})
	 * @param fromUser the mini program's original id (the push's {@code ToUserName})
	 * @param createTime unix seconds now
	 * @return the reply text
	 * @see <a href=
	 * "https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/customer-message/trans.html">Transfer
	 * to the web customer-service tool</a>
	 */
	public String transferReply(PushFormat format, String toUser, String fromUser, long createTime) {
		BodyWriter writer = BodyWriter.of(format, this.json);
		writer.text(PushFields.TO_USER_NAME, toUser);
		writer.text(PushFields.FROM_USER_NAME, fromUser);
		writer.integer(PushFields.CREATE_TIME, Long.toString(createTime));
		writer.text(PushFields.MSG_TYPE, PushMessage.TRANSFER_CUSTOMER_SERVICE);
		return writer.finish();
	}

}
