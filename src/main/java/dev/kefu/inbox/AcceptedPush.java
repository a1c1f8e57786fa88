package dev.kefu.inbox;

import java.time.Instant;

import dev.kefu.inbox.ReplayCache.ReplayKey;

/**
 * A push that passed every check and is about to be recorded.
 *
 * @param dedupeKey unique per push across retries: the app and {@code MsgId}, or for
 * events (which have none) the app, {@code FromUserName}, {@code CreateTime} and
 * {@code Event}
 * @param replay the push's signature and body, remembered once the push is recorded (or
 * found recorded before) and refused with another body; {@code null} when nothing needs
 * remembering (an encrypted push, whose {@code msg_signature} covers its body, or the
 * clock check off)
 */
record AcceptedPush(String id, String appId, String dedupeKey, String msgId, String openId, String msgType,
		String event, String content, String sessionFrom, long createTime, Instant receivedAt, boolean transferred,
		ReplayKey replay) {

	MessageReceived toEvent() {
		return new MessageReceived(this.id, this.appId, this.openId, this.msgType, this.event, this.content,
				this.sessionFrom, this.receivedAt, this.transferred);
	}

}
