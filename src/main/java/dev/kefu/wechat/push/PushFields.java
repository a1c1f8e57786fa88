package dev.kefu.wechat.push;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.kefu.wechat.push.PushRejectedException.Reason;

/**
 * Collects the top-level fields of one body while a streaming reader walks it, then
 * builds the {@link PushMessage} or {@link PushEnvelope}. Field names are WeChat's,
 * matched exactly.
 */
final class PushFields {

	static final String TO_USER_NAME = "ToUserName";

	static final String FROM_USER_NAME = "FromUserName";

	static final String CREATE_TIME = "CreateTime";

	static final String MSG_TYPE = "MsgType";

	static final String MSG_ID = "MsgId";

	static final String EVENT = "Event";

	static final String CONTENT = "Content";

	static final String PIC_URL = "PicUrl";

	static final String MEDIA_ID = "MediaId";

	static final String TITLE = "Title";

	static final String APP_ID = "AppId";

	static final String PAGE_PATH = "PagePath";

	static final String THUMB_URL = "ThumbUrl";

	static final String THUMB_MEDIA_ID = "ThumbMediaId";

	static final String SESSION_FROM = "SessionFrom";

	static final String ENCRYPT = "Encrypt";

	private final boolean envelope;

	private String toUserName;

	private String fromUserName;

	private String createTime;

	private String msgType;

	private String msgId;

	private String event;

	private String content;

	private String picUrl;

	private String mediaId;

	private String title;

	private String appId;

	private String pagePath;

	private String thumbUrl;

	private String thumbMediaId;

	private String sessionFrom;

	private String encrypt;

	private Map<String, String> otherFields;

	private boolean messageFields;

	/**
	 * @param envelope whether this is a whole push body, whose {@code Encrypt} field is
	 * the ciphertext; in a decrypted message an {@code Encrypt} field is just another
	 * field
	 */
	PushFields(boolean envelope) {
		this.envelope = envelope;
	}

	void put(String name, String value) {
		switch (name) {
			case TO_USER_NAME -> {
				this.toUserName = value;
				return;
			}
			case FROM_USER_NAME -> this.fromUserName = value;
			case CREATE_TIME -> this.createTime = value;
			case MSG_TYPE -> this.msgType = value;
			case MSG_ID -> this.msgId = value.strip();
			case EVENT -> this.event = value;
			case CONTENT -> this.content = value;
			case PIC_URL -> this.picUrl = value;
			case MEDIA_ID -> this.mediaId = value;
			case TITLE -> this.title = value;
			case APP_ID -> this.appId = value;
			case PAGE_PATH -> this.pagePath = value;
			case THUMB_URL -> this.thumbUrl = value;
			case THUMB_MEDIA_ID -> this.thumbMediaId = value;
			case SESSION_FROM -> this.sessionFrom = value;
			default -> {
				if (this.envelope && ENCRYPT.equals(name)) {
					this.encrypt = value;
					return;
				}
				if (this.otherFields == null) {
					this.otherFields = new LinkedHashMap<>();
				}
				this.otherFields.put(name, value);
			}
		}
		this.messageFields = true;
	}

	PushMessage toMessage() throws PushRejectedException {
		return new PushMessage(this.toUserName, this.fromUserName, parseCreateTime(), this.msgType, this.msgId,
				this.event, this.content, this.picUrl, this.mediaId, this.title, this.appId, this.pagePath,
				this.thumbUrl, this.thumbMediaId, this.sessionFrom, this.otherFields);
	}

	PushEnvelope toEnvelope() throws PushRejectedException {
		return new PushEnvelope(this.toUserName, this.encrypt, this.messageFields ? toMessage() : null);
	}

	/**
	 * Emits the fields of {@code message} in the order of WeChat's own examples, then the
	 * unnamed fields, then {@code encrypt} when given (compatible mode). Absent fields
	 * are skipped; {@code CreateTime} and a decimal {@code MsgId} are integers.
	 */
	static void emit(PushMessage message, String encrypt, Sink sink) {
		text(sink, TO_USER_NAME, message.toUserName());
		text(sink, FROM_USER_NAME, message.fromUserName());
		sink.integer(CREATE_TIME, Long.toString(message.createTime()));
		text(sink, MSG_TYPE, message.msgType());
		boolean card = PushMessage.MINIPROGRAMPAGE.equals(message.msgType());
		if (card) {
			id(sink, message.msgId());
		}
		text(sink, EVENT, message.event());
		text(sink, CONTENT, message.content());
		text(sink, PIC_URL, message.picUrl());
		text(sink, MEDIA_ID, message.mediaId());
		text(sink, TITLE, message.title());
		text(sink, APP_ID, message.appId());
		text(sink, PAGE_PATH, message.pagePath());
		text(sink, THUMB_URL, message.thumbUrl());
		text(sink, THUMB_MEDIA_ID, message.thumbMediaId());
		text(sink, SESSION_FROM, message.sessionFrom());
		if (!card) {
			id(sink, message.msgId());
		}
		message.otherFields().forEach(sink::text);
		text(sink, ENCRYPT, encrypt);
	}

	private static void text(Sink sink, String name, String value) {
		if (value != null) {
			sink.text(name, value);
		}
	}

	private static void id(Sink sink, String msgId) {
		if (msgId == null) {
			return;
		}
		if (isInteger(msgId)) {
			sink.integer(MSG_ID, msgId);
		}
		else {
			sink.text(MSG_ID, msgId);
		}
	}

	/** Digits without a leading zero (JSON forbids one), optionally negative. */
	static boolean isInteger(String value) {
		int start = value.startsWith("-") ? 1 : 0;
		if (value.length() == start || (value.charAt(start) == '0' && value.length() > start + 1)) {
			return false;
		}
		for (int i = start; i < value.length(); i++) {
			if (value.charAt(i) < '0' || value.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	/** Where {@link #emit} writes: one XML element or JSON property per call. */
	interface Sink {

		void text(String name, String value);

		/** {@code digits} is a valid integer literal. */
		void integer(String name, String digits);

	}

	private long parseCreateTime() throws PushRejectedException {
		if (this.createTime == null) {
			return 0;
		}
		try {
			return Long.parseLong(this.createTime.strip());
		}
		catch (NumberFormatException ex) {
			throw new PushRejectedException(Reason.MALFORMED_BODY, "CreateTime is not an integer");
		}
	}

}
