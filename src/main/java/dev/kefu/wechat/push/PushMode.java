package dev.kefu.wechat.push;

/**
 * The message encryption mode (消息加密方式) chosen for an app in WeChat's admin console, under
 * the message push settings: what WeChat sends, and so what a receiver may accept.
 *
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html">Message
 * push guide (encryption modes)</a>
 */
public enum PushMode {

	/**
	 * 明文模式: the message in clear, signed by {@code signature}, which does not cover the
	 * body.
	 */
	PLAINTEXT,
	/**
	 * 兼容模式: the message in clear plus {@code Encrypt}, signed by {@code msg_signature}.
	 */
	COMPATIBLE,
	/** 安全模式: {@code Encrypt} only, signed by {@code msg_signature}. */
	SAFE;

	/**
	 * Whether WeChat sends every push of this mode encrypted ({@code encrypt_type=aes}),
	 * so a push without encryption cannot be WeChat's.
	 */
	public boolean encrypts() {
		return this != PLAINTEXT;
	}

}
