package dev.kefu.links;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kefu.public-url}: where kefu is reached from the internet, e.g.
 * {@code https://kefu.example.com} (the address WeChat pushes to, without
 * {@code /wechat/...}). Tracked links are sent as short URLs under it. Unset, real apps'
 * tracked links are sent untracked (with a warning) and sandbox apps use this server's
 * own address.
 */
@ConfigurationProperties("kefu")
record PublicUrlProperties(URI publicUrl) {

	PublicUrlProperties {
		if (publicUrl != null && (!publicUrl.isAbsolute() || publicUrl.getHost() == null
				|| !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme()))
				|| publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null)) {
			throw new IllegalArgumentException(
					"kefu.public-url must be an absolute http(s) URL without query or fragment, was '" + publicUrl
							+ "'");
		}
	}

}
