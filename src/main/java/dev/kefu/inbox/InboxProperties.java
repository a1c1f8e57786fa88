package dev.kefu.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How strictly pushes are accepted.
 *
 * @param maxClockSkew pushes whose {@code timestamp} is further than this from our clock
 * are refused as replays; {@code 0} turns the check off. WeChat re-sends a push with its
 * original timestamp for up to ~15 s, so keep this at minutes. Within it, the
 * {@link ReplayCache} refuses a signature accepted before with another body; with the
 * check off it remembers signatures for {@code kefu.inbox.retention}.
 */
@ConfigurationProperties("kefu.wechat")
record InboxProperties(@DefaultValue("5m") Duration maxClockSkew) {

	InboxProperties {
		if (maxClockSkew.isNegative()) {
			throw new IllegalArgumentException("kefu.wechat.max-clock-skew must not be negative, got " + maxClockSkew);
		}
	}

}
