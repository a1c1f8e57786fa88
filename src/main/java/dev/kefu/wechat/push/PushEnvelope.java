package dev.kefu.wechat.push;

/**
 * The top level of a push body as received, before any decryption.
 * <ul>
 * <li>Plaintext mode: {@code encrypt} is {@code null}, {@code plaintext} holds the
 * message.</li>
 * <li>Compatible mode: both are present. Only {@code Encrypt} is covered by
 * {@code msg_signature}, so process the decrypted message and ignore the plaintext
 * copy.</li>
 * <li>Safe mode: {@code encrypt} is present, {@code plaintext} is {@code null} (the body
 * has no field besides {@code ToUserName} and {@code Encrypt}).</li>
 * </ul>
 *
 * @param toUserName the mini program's original id, {@code null} if absent
 * @param encrypt the exact {@code Encrypt} value (after XML/JSON unescaping),
 * {@code null} if absent
 * @param plaintext the body's other fields as a message, {@code null} if it has none
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html">Message
 * push guide</a>
 */
public record PushEnvelope(String toUserName, String encrypt, PushMessage plaintext) {

	/** Whether the body carries an {@code Encrypt} field (compatible or safe mode). */
	public boolean encrypted() {
		return this.encrypt != null;
	}

}
