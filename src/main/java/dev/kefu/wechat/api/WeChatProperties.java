package dev.kefu.wechat.api;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How kefu reaches WeChat's API.
 *
 * @param apiBaseUrl where WeChat's API is called: {@code https://api.weixin.qq.com}, the
 * emulator, or a proxy
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long to wait for an answer once the request is sent (for each
 * read; WeChat's answers are small enough to come in one)
 * @param classicTokenApps app ids that fetch access tokens from {@code /cgi-bin/token}
 * instead of {@code /cgi-bin/stable_token} (for an app whose token another system already
 * manages through the classic endpoint)
 * @param sandboxApiBaseUrl where the API of sandbox apps is called; {@code null} means
 * the emulator inside this server ({@code http://127.0.0.1:<server port>/emulator/api})
 */
@Validated
@ConfigurationProperties("kefu.wechat")
record WeChatProperties(@NotNull @DefaultValue("https://api.weixin.qq.com") URI apiBaseUrl,
		@NotNull @DurationMin(millis = 1) @DefaultValue("2s") Duration connectTimeout,
		@NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration readTimeout,
		@NotNull @DefaultValue Set<String> classicTokenApps, URI sandboxApiBaseUrl) {

	WeChatProperties {
		requireHttpUrl("kefu.wechat.api-base-url", apiBaseUrl);
		requireHttpUrl("kefu.wechat.sandbox-api-base-url", sandboxApiBaseUrl);
	}

	private static void requireHttpUrl(String property, URI url) {
		if (url != null && (!url.isAbsolute() || url.getHost() == null
				|| !("http".equals(url.getScheme()) || "https".equals(url.getScheme())))) {
			throw new IllegalArgumentException(property + " must be an absolute http(s) URL, was '" + url + "'");
		}
	}

	TokenEndpoint tokenEndpoint(String appId) {
		return this.classicTokenApps.contains(appId) ? TokenEndpoint.CLASSIC : TokenEndpoint.STABLE;
	}

}
