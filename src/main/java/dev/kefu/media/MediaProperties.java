package dev.kefu.media;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the media module ({@code kefu.media.*}).
 *
 * @param allowPrivateNetworks {@code kefu.media.allow-private-networks}: allow fetching
 * image URLs whose host is on a loopback or private network (for tests and closed
 * networks; never on a server reachable by operators you do not trust)
 * @param fetchTimeout {@code kefu.media.fetch-timeout}: the most one image fetch may
 * take, redirects included
 */
@ConfigurationProperties("kefu.media")
@Validated
record MediaProperties(@DefaultValue("false") boolean allowPrivateNetworks,
		@DefaultValue("10s") @NotNull(message = "kefu.media.fetch-timeout must be set") Duration fetchTimeout) {

	@AssertTrue(message = "kefu.media.fetch-timeout must be positive")
	boolean isFetchTimeoutPositive() {
		return this.fetchTimeout == null || !(this.fetchTimeout.isNegative() || this.fetchTimeout.isZero());
	}

}
