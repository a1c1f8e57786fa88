package dev.kefu.wechat.push;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decoded push: a customer-service message or event, as WeChat names its fields.
 * <p>
 * Every field is {@code null} when absent from the push except {@code createTime} (0 when
 * absent) and {@code otherFields} (empty when there are none). {@code msgId} is kept as
 * the exact text WeChat sent: a JSON integer beyond 2<sup>53</sup>, or a cloud-function
 * id such as {@code 49d7…_1555684067}. Unknown message types decode like any other;
 * fields this record does not name are kept in {@code otherFields} in their order of
 * arrival (a nested JSON object or array as its compact JSON text, a nested XML element
 * as its inner markup).
 *
 * @param toUserName the mini program's original id ({@code gh_…})
 * @param fromUserName the sender's OpenID
 * @param createTime unix seconds
 * @param msgType {@code text}, {@code image}, {@code miniprogrampage}, {@code event}, …
 * @param msgId the message id (messages only; events have none)
 * @param event the event name for {@code msgType} {@code event}, e.g.
 * {@code user_enter_tempsession}
 * @param content the text of a {@code text} message
 * @param picUrl the image URL of an {@code image} message
 * @param mediaId the temporary media id of an {@code image} message
 * @param title the card title of a {@code miniprogrampage} message
 * @param appId the card's mini program AppID
 * @param pagePath the card's page path
 * @param thumbUrl the temporary CDN URL of the card cover
 * @param thumbMediaId the temporary media id of the card cover
 * @param sessionFrom the {@code session-from} of the contact button
 * ({@code user_enter_tempsession})
 * @param otherFields any other top-level fields, unmodifiable, never {@code null}
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/customer-message/receive.html">Receive
 * messages and events</a>
 */
public record PushMessage(String toUserName, String fromUserName, long createTime, String msgType, String msgId,
		String event, String content, String picUrl, String mediaId, String title, String appId, String pagePath,
		String thumbUrl, String thumbMediaId, String sessionFrom, Map<String, String> otherFields) {

	/** {@code MsgType} of a text message. */
	public static final String TEXT = "text";

	/** {@code MsgType} of an image message. */
	public static final String IMAGE = "image";

	/** {@code MsgType} of a mini program card message. */
	public static final String MINIPROGRAMPAGE = "miniprogrampage";

	/** {@code MsgType} of every event. */
	public static final String EVENT = "event";

	/** {@code Event} sent when the user opens the customer-service chat. */
	public static final String USER_ENTER_TEMPSESSION = "user_enter_tempsession";

	/**
	 * {@code MsgType} of the passive reply that hands the user to the web
	 * customer-service tool.
	 */
	public static final String TRANSFER_CUSTOMER_SERVICE = "transfer_customer_service";

	public PushMessage {
		otherFields = (otherFields == null || otherFields.isEmpty()) ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
	}

	/** A {@code text} message as the user's client sends it. */
	public static PushMessage text(String toUserName, String fromUserName, long createTime, String msgId,
			String content) {
		return new PushMessage(toUserName, fromUserName, createTime, TEXT, msgId, null, content, null, null, null, null,
				null, null, null, null, null);
	}

	/** An {@code image} message. */
	public static PushMessage image(String toUserName, String fromUserName, long createTime, String msgId,
			String picUrl, String mediaId) {
		return new PushMessage(toUserName, fromUserName, createTime, IMAGE, msgId, null, null, picUrl, mediaId, null,
				null, null, null, null, null, null);
	}

	/** A {@code miniprogrampage} (mini program card) message. */
	public static PushMessage miniProgramPage(String toUserName, String fromUserName, long createTime, String msgId,
			String title, String appId, String pagePath, String thumbUrl, String thumbMediaId) {
		return new PushMessage(toUserName, fromUserName, createTime, MINIPROGRAMPAGE, msgId, null, null, null, null,
				title, appId, pagePath, thumbUrl, thumbMediaId, null, null);
	}

	/** The {@code user_enter_tempsession} event (no {@code MsgId}). */
	public static PushMessage userEnterTempSession(String toUserName, String fromUserName, long createTime,
			String sessionFrom) {
		return new PushMessage(toUserName, fromUserName, createTime, EVENT, null, USER_ENTER_TEMPSESSION, null, null,
				null, null, null, null, null, null, sessionFrom, null);
	}

	/**
	 * Whether this is an event ({@code MsgType} {@code event}) rather than a user
	 * message.
	 */
	public boolean isEvent() {
		return EVENT.equals(this.msgType);
	}

}
