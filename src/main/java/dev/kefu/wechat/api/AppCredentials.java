package dev.kefu.wechat.api;

import java.util.Objects;

/**
 * What the API needs to know about a mini program to call WeChat on its behalf.
 *
 * @param appId the mini program's AppID
 * @param secret its AppSecret; never printed by {@link #toString()}
 * @param sandbox whether the local emulator serves the app instead of WeChat
 * ({@code kefu.wechat.sandbox-api-base-url})
 */
public record AppCredentials(String appId, String secret, boolean sandbox) {

	public AppCredentials {
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(secret, "secret");
	}

	/** An app served by WeChat itself. */
	public AppCredentials(String appId, String secret) {
		this(appId, secret, false);
	}

	@Override
	public String toString() {
		return "AppCredentials[appId=" + this.appId + ", secret=***, sandbox=" + this.sandbox + "]";
	}

}
