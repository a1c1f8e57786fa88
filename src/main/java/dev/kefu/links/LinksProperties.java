package dev.kefu.links;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tracked links ({@code kefu.links.*}).
 *
 * @param validity how long a code redirects after its reply was sent; then it shows the
 * "link expired" page
 * @param retention codes and clicks are deleted once made longer ago than this (at least
 * the validity: a code is never deleted while it still redirects)
 * @param purgeInterval how often each instance deletes what is past the retention
 * @param cacheSize how many codes each instance keeps in memory for redirects without the
 * database (the codes it issued last, and those asked for last)
 * @param clickBuffer how many clicks wait in memory to be written at most; past it (the
 * database gone for long) further clicks still redirect but are not recorded
 */
@Validated
@ConfigurationProperties("kefu.links")
public record LinksProperties(@NotNull @DurationMin(minutes = 1) @DefaultValue("90d") Duration validity,
		@NotNull @DurationMin(minutes = 1) @DefaultValue("180d") Duration retention,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration purgeInterval,
		@Min(0) @Max(10_000_000) @DefaultValue("10000") int cacheSize,
		@Min(1) @Max(10_000_000) @DefaultValue("100000") int clickBuffer) {

	@AssertTrue(message = "kefu.links.retention must be at least kefu.links.validity")
	boolean isRetentionAtLeastValidity() {
		return this.validity == null || this.retention == null || this.retention.compareTo(this.validity) >= 0;
	}

}
