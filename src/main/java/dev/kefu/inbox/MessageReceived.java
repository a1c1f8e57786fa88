package dev.kefu.inbox;

import java.time.Instant;

/**
 * A push from WeChat that kefu accepted and is recording. Published synchronously inside
 * the transaction that records it, before WeChat is told {@code success}: a listener
 * ({@code @EventListener}) runs in that transaction, so what it writes commits with the
 * push or not at all, and a listener that throws makes the inbox record the push without
 * its plan and publish it again later. Listeners must not call out of process.
 *
 * @param messageId kefu's id of the recorded message
 * @param appId the mini program's AppID
 * @param openId the user's OpenID (the push's {@code FromUserName})
 * @param msgType {@code MsgType} as WeChat sent it: {@code text}, {@code image},
 * {@code miniprogrampage}, {@code event}, or anything newer
 * @param event {@code Event} for {@code msgType=event} (e.g.
 * {@code user_enter_tempsession}), otherwise {@code null}
 * @param content {@code Content} of a text, {@code PicUrl} of an image, {@code Title} of
 * a mini program card; otherwise {@code null}
 * @param sessionFrom {@code SessionFrom} of {@code user_enter_tempsession}, otherwise
 * {@code null}
 * @param receivedAt when the push arrived (the customer-service windows count from here)
 * @param transferred the push was answered with {@code transfer_customer_service}
 */
public record MessageReceived(String messageId, String appId, String openId, String msgType, String event,
		String content, String sessionFrom, Instant receivedAt, boolean transferred) {

	/**
	 * {@code true} for the event a user triggers by entering the customer-service chat.
	 */
	public boolean enteredChat() {
		return "event".equals(this.msgType) && "user_enter_tempsession".equals(this.event);
	}

	/** {@code true} for something the user wrote or sent (not an event). */
	public boolean userMessage() {
		return !"event".equals(this.msgType);
	}

}
