package dev.kefu.apps;

import java.time.Instant;
import java.time.ZoneId;

import dev.kefu.wechat.push.PushMode;

/**
 * An app as operators see it: everything but the credentials, of which only their
 * presence is told.
 *
 * @param appId the AppID
 * @param name what operators call it
 * @param sandbox whether the local emulator serves the app
 * @param timeZone the zone operators read times in
 * @param pushMode the message encryption mode set in WeChat's admin console; {@code null}
 * when not recorded (each push is taken in the mode it says it is in)
 * @param callbackPath the path to enter as the message push URL in WeChat's admin console
 * @param hasSecret whether an AppSecret is stored
 * @param hasToken whether a Token is stored
 * @param hasEncodingAesKey whether an EncodingAESKey is stored
 * @param hasPreviousEncodingAesKey whether a previous EncodingAESKey is still accepted
 * @param createdAt when it was registered
 * @param updatedAt when it was last changed
 */
public record AppSummary(String appId, String name, boolean sandbox, ZoneId timeZone, PushMode pushMode,
		String callbackPath, boolean hasSecret, boolean hasToken, boolean hasEncodingAesKey,
		boolean hasPreviousEncodingAesKey, Instant createdAt, Instant updatedAt) {

	/** The push URL path of an app, relative to where kefu is served. */
	public static String callbackPath(String appId) {
		return "/wechat/" + appId;
	}

}
