package dev.kefu.wechat.push;

import dev.kefu.wechat.push.PushRejectedException.Reason;

/**
 * The data format (数据格式) of push bodies and reply envelopes, chosen per mini program in
 * the admin console and switchable at any time, so kefu detects it per request with
 * {@link #sniff(byte[])}.
 *
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html">Message
 * push guide</a>
 */
public enum PushFormat {

	/** {@code <xml>…</xml>} documents, text in CDATA sections. */
	XML,
	/** A single JSON object. */
	JSON;

	/**
	 * Detects the format from the first non-whitespace byte (a UTF-8 byte order mark is
	 * skipped): a less-than sign is XML, an opening curly brace is JSON.
	 * @param body the raw request body, not {@code null}
	 * @return the format
	 * @throws PushRejectedException with {@link Reason#MALFORMED_BODY} for an empty body
	 * or any other first character
	 */
	public static PushFormat sniff(byte[] body) throws PushRejectedException {
		int i = 0;
		if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
			i = 3;
		}
		for (; i < body.length; i++) {
			switch (body[i]) {
				case ' ', '\t', '\r', '\n' -> {
				}
				case '<' -> {
					return XML;
				}
				case '{' -> {
					return JSON;
				}
				default -> throw new PushRejectedException(Reason.MALFORMED_BODY, "body is neither XML nor JSON");
			}
		}
		throw new PushRejectedException(Reason.MALFORMED_BODY, "empty body");
	}

}
