package dev.kefu.inbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;

import dev.kefu.wechat.push.PushCipher;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushSignature;

/**
 * Builds pushes the way WeChat sends them, in each of its three modes and two formats.
 */
final class Pushes {

	enum Mode {

		PLAINTEXT, COMPATIBLE, SAFE

	}

	private static final PushCodec codec = new PushCodec();

	private final String appId;

	private final String token;

	private final PushCipher cipher;

	// Unseeded: like WeChat's, each push's nonce differs from every other's, also across
	// tests
	// that build pushes at the same second; a plaintext signature reused for another body
	// is refused.
	private final SplittableRandom random = new SplittableRandom();

	Pushes(String appId, String token, String encodingAesKey) {
		this(appId, token, new PushCipher(appId, encodingAesKey, null));
	}

	/**
	 * Encrypts with {@code cipher}, which may hold another app id or key than the app's
	 * own.
	 */
	Pushes(String appId, String token, PushCipher cipher) {
		this.appId = appId;
		this.token = token;
		this.cipher = cipher;
	}

	static PushMessage text(String openId, String msgId, String content) {
		return new PushMessage("gh_97417a04a28d", openId, System.currentTimeMillis() / 1000, "text", msgId, null,
				content, null, null, null, null, null, null, null, null, Map.of());
	}

	static PushMessage enter(String openId, long createTime, String sessionFrom) {
		return new PushMessage("gh_97417a04a28d", openId, createTime, "event", null, "user_enter_tempsession", null,
				null, null, null, null, null, null, null, sessionFrom, Map.of());
	}

	Request build(Mode mode, PushFormat format, PushMessage message, long timestamp) {
		String nonce = Integer.toString(this.random.nextInt(1_000_000_000));
		String plaintext = codec.encode(message, format);
		String signature = PushSignature.sign(this.token, Long.toString(timestamp), nonce);
		String query = "signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid="
				+ message.fromUserName();
		if (mode == Mode.PLAINTEXT) {
			return new Request(query, plaintext, format, nonce);
		}
		String encrypt = this.cipher.encrypt(plaintext, this.random);
		String msgSignature = PushSignature.sign(this.token, Long.toString(timestamp), nonce, encrypt);
		query += "&encrypt_type=aes&msg_signature=" + msgSignature;
		String body = (mode == Mode.COMPATIBLE) ? withEncrypt(plaintext, encrypt, format)
				: envelope(message.toUserName(), encrypt, format);
		return new Request(query, body, format, nonce);
	}

	static String envelope(String toUserName, String encrypt, PushFormat format) {
		return (format == PushFormat.JSON) ? "{\"ToUserName\":\"" + toUserName + "\",\"Encrypt\":\"" + encrypt + "\"}"
				: "<xml><ToUserName><![CDATA[" + toUserName + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
						+ "]]></Encrypt></xml>";
	}

	private static String withEncrypt(String plaintext, String encrypt, PushFormat format) {
		if (format == PushFormat.JSON) {
			int end = plaintext.lastIndexOf('}');
			return plaintext.substring(0, end) + ",\"Encrypt\":\"" + encrypt + "\"}";
		}
		int end = plaintext.lastIndexOf("</xml>");
		return plaintext.substring(0, end) + "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
	}

	String appId() {
		return this.appId;
	}

	record Request(String query, String body, PushFormat format, String nonce) {

		byte[] bytes() {
			return this.body.getBytes(StandardCharsets.UTF_8);
		}

		String contentType() {
			return (this.format == PushFormat.JSON) ? "application/json" : "text/xml";
		}

	}

}
