package dev.kefu.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import dev.kefu.wechat.push.PushCipher;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushSignature;

/**
 * Builds text pushes for {@code POST /wechat/{appId}} exactly as WeChat sends them in
 * safe mode with the JSON format: the message encrypted with the app's EncodingAESKey,
 * the envelope signed ({@code msg_signature}) and the URL signed ({@code signature}).
 * Each request is a complete HTTP/1.1 request, head and body, for a
 * {@link KeepAliveConnection}. Thread-safe.
 */
public final class SafeModePushes {

	private static final String TO_USER = "gh_loadtest0000";

	private final URI endpoint;

	private final String token;

	private final PushCipher cipher;

	private final PushCodec codec = new PushCodec();

	/**
	 * @param endpoint the app's push URL, {@code http://host:port/wechat/{appId}}
	 */
	public SafeModePushes(URI endpoint, String appId, String token, String encodingAesKey) {
		this.endpoint = endpoint;
		this.token = token;
		this.cipher = new PushCipher(appId, encodingAesKey, null);
	}

	/**
	 * A text push from {@code openId}.
	 * @param now the push's {@code CreateTime} and {@code timestamp}, epoch seconds
	 * @param random the source of the nonce and the envelope's random prefix (one per
	 * thread)
	 */
	public byte[] text(String openId, String msgId, String content, long now, SplittableRandom random) {
		String plaintext = this.codec.encode(new PushMessage(TO_USER, openId, now, "text", msgId, null, content, null,
				null, null, null, null, null, null, null, Map.of()), PushFormat.JSON);
		String encrypt = this.cipher.encrypt(plaintext, random);
		String timestamp = Long.toString(now);
		String nonce = Integer.toString(random.nextInt(1_000_000_000));
		String signature = PushSignature.sign(this.token, timestamp, nonce);
		String msgSignature = PushSignature.sign(this.token, timestamp, nonce, encrypt);
		byte[] body = ("{\"ToUserName\":\"" + TO_USER + "\",\"Encrypt\":\"" + encrypt + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		String head = "POST " + this.endpoint.getRawPath() + "?signature=" + signature + "&timestamp=" + timestamp
				+ "&nonce=" + nonce + "&openid=" + openId + "&encrypt_type=aes&msg_signature=" + msgSignature
				+ " HTTP/1.1\r\nHost: " + this.endpoint.getHost() + "\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length + "\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
		System.arraycopy(body, 0, request, headBytes.length, body.length);
		return request;
	}

}
