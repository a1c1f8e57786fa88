package dev.kefu.inbox;

import java.time.Instant;

/**
 * A push from WeChat was verified, de-duplicated and recorded.
 *
 * @param messageId kefu's id of the recorded message
 * @param appId the mini program
 * @param openId the user
 * @param msgType as WeChat sends it: {@code text}, {@code image}, {@code miniprogrampage},
 * {@code event}, …
 * @param event for events, e.g. {@code user_enter_tempsession}; otherwise {@code null}
 * @param content Content for text, PicUrl for image, Title for miniprogrampage; {@code null}
 * otherwise
 * @param sessionFrom the SessionFrom of the button that opened the chat, when sent
 * @param receivedAt when the push arrived
 * @param transferred the push was answered with {@code transfer_customer_service}
 */
public record MessageReceived(String messageId, String appId, String openId, String msgType, String event,
		String content, String sessionFrom, Instant receivedAt, boolean transferred) {
}
