package dev.kefu.apps;

import java.time.Instant;
import java.time.ZoneId;

/**
 * An app as operators see it: everything but the credentials, of which only their presence is
 * told.
 *
 * @param appId the AppID
 * @param name what operators call it
 * @param sandbox whether the local emulator serves the app
 * @param timeZone the zone operators read times in
 * @param callbackPath the path to enter as the message push URL in WeChat's admin console
 * @param hasSecret whether an AppSecret is stored
 * @param hasToken whether a Token is stored
 * @param hasEncodingAesKey whether an EncodingAESKey is stored
 * @param hasPreviousEncodingAesKey whether a previous EncodingAESKey is still accepted
 * @param createdAt when it was registered
 * @param updatedAt when it was last changed
 */
public record AppSummary(String appId, String name, boolean sandbox, ZoneId timeZone, String callbackPath,
		boolean hasSecret, boolean hasToken, boolean hasEncodingAesKey, boolean hasPreviousEncodingAesKey,
		Instant createdAt, Instant updatedAt) {

	/** The push URL path of an app, relative to where kefu is served. */
	public static String callbackPath(String appId) {
		return "/wechat/" + appId;
	}

}
