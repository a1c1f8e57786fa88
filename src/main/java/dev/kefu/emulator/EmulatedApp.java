package dev.kefu.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.kefu.wechat.push.PushFormat;

/**
 * A mini program as WeChat knows it: its credentials and its message push configuration
 * (callback URL, Token, EncodingAESKey). Registered with the emulator, never read from
 * kefu.
 *
 * @param appId the AppID
 * @param name a display name
 * @param secret the AppSecret, checked by the token endpoints
 * @param token the push Token, used for the push signatures
 * @param encodingAesKey the 43-character EncodingAESKey of encrypted pushes
 * @param callbackUrl where pushes go (message push configuration "URL")
 * @param mode the message encryption mode (加密方式)
 * @param format the data format (数据格式)
 */
record EmulatedApp(String appId, String name, String secret, String token, String encodingAesKey, URI callbackUrl,
		PushMode mode, PushFormat format) {

	/** The same app with another push configuration. */
	EmulatedApp withPush(URI callbackUrl, PushMode mode, PushFormat format) {
		return new EmulatedApp(this.appId, this.name, this.secret, this.token, this.encodingAesKey, callbackUrl, mode,
				format);
	}

	/**
	 * The mini program's original id ({@code gh_…}), sent as {@code ToUserName} in
	 * pushes.
	 */
	public String originalId() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(this.appId.getBytes(StandardCharsets.UTF_8));
			return "gh_" + HexFormat.of().formatHex(digest).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		// Never print the secret, the Token or the AES key.
		return "EmulatedApp[" + this.appId + ", " + this.name + ", " + this.callbackUrl + ", " + this.mode + ", "
				+ this.format + "]";
	}

}
