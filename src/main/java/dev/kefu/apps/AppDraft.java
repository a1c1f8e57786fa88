package dev.kefu.apps;

/**
 * What an operator gives to register an app or change one. When registering,
 * {@code appId}, {@code name}, {@code secret}, {@code token} and {@code encodingAesKey}
 * are required. When updating, a {@code null} field keeps its current value, so
 * credentials can stay unsaid; a changed {@code encodingAesKey} moves the current key to
 * {@code previousEncodingAesKey} unless that is given too, and an empty
 * {@code previousEncodingAesKey} removes it.
 * <p>
 * {@link #toString()} masks the credentials.
 *
 * @param appId {@code wx} followed by 16 hex characters
 * @param name 1 to 100 characters
 * @param secret the AppSecret: 1 to 128 characters, no spaces
 * @param token 3 to 32 letters or digits
 * @param encodingAesKey 43 letters or digits
 * @param previousEncodingAesKey 43 letters or digits; nullable
 * @param sandbox whether the local emulator serves the app; {@code false} when
 * {@code null} on registration
 * @param timeZone an IANA zone id; {@code Asia/Shanghai} when {@code null} on
 * registration
 * @param pushMode {@code PLAINTEXT}, {@code COMPATIBLE} or {@code SAFE} (any case), as
 * set in WeChat's admin console; {@code null} on registration, or empty when updating,
 * leaves it unrecorded: each push is then taken in the mode it says it is in
 */
public record AppDraft(String appId, String name, String secret, String token, String encodingAesKey,
		String previousEncodingAesKey, Boolean sandbox, String timeZone, String pushMode) {

	/** A draft that leaves the push mode as it is (unrecorded for a new app). */
	public AppDraft(String appId, String name, String secret, String token, String encodingAesKey,
			String previousEncodingAesKey, Boolean sandbox, String timeZone) {
		this(appId, name, secret, token, encodingAesKey, previousEncodingAesKey, sandbox, timeZone, null);
	}

	@Override
	public String toString() {
		return "AppDraft[appId=" + this.appId + ", name=" + this.name + ", sandbox=" + this.sandbox + ", timeZone="
				+ this.timeZone + ", pushMode=" + this.pushMode + ", credentials=***]";
	}

}
