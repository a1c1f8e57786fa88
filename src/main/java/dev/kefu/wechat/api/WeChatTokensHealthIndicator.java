package dev.kefu.wechat.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Token freshness per app as this instance holds it: seconds until the token expires and
 * whether it is due for a refresh. Always UP: tokens are fetched on demand, and an app
 * whose secret is wrong is a delivery problem shown per delivery, not an outage of the
 * server.
 */
class WeChatTokensHealthIndicator extends AbstractHealthIndicator {

	private final AccessTokens tokens;

	private final Clock clock;

	WeChatTokensHealthIndicator(AccessTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		Map<String, Object> apps = new LinkedHashMap<>();
		this.tokens.held().forEach((appId, token) -> {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("expiresInSeconds", Math.max(0, Duration.between(now, token.expiresAt()).toSeconds()));
			detail.put("fresh", token.fresh(now));
			apps.put(appId, detail);
		});
		builder.up().withDetail("apps", apps);
	}

}
