package dev.kefu.apps;

import java.time.ZoneId;

import dev.kefu.wechat.push.PushMode;

/**
 * A mini program kefu serves, with its credentials decrypted.
 * <p>
 * {@link #toString()} masks the credentials, so an {@code App} can be logged safely.
 *
 * @param appId the mini program's AppID ({@code wx} followed by 16 hex characters)
 * @param name what operators call it
 * @param secret the AppSecret, used to obtain access tokens
 * @param token the Token that signs pushes
 * @param encodingAesKey the current EncodingAESKey (43 letters or digits)
 * @param previousEncodingAesKey the key before the last rotation, still accepted when
 * decrypting pushes; {@code null} if none
 * @param sandbox whether the app is served by the local emulator instead of WeChat
 * @param timeZone the zone operators read times in
 * @param pushMode the message encryption mode set in WeChat's admin console: a push not
 * in it is refused when the mode encrypts; {@code null} when not recorded, and then each
 * push is taken in the mode it says it is in (its {@code encrypt_type})
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html">Message
 * push</a>
 */
public record App(String appId, String name, String secret, String token, String encodingAesKey,
		String previousEncodingAesKey, boolean sandbox, ZoneId timeZone, PushMode pushMode) {

	@Override
	public String toString() {
		return "App[appId=" + this.appId + ", name=" + this.name + ", sandbox=" + this.sandbox + ", timeZone="
				+ this.timeZone + ", pushMode=" + this.pushMode + ", credentials=***]";
	}

}
