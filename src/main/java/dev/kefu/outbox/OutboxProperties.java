package dev.kefu.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How deliveries are retried.
 *
 * @param maxAttempts attempts per delivery before it becomes FAILED
 * @param firstRetry the delay before the first retry; each further retry doubles it.
 * Every delay is jittered down to half its value, so instances do not retry in step
 * @param maxRetryDelay the longest delay between two attempts
 * @param senders threads making first attempts right after replies are planned; each
 * waits for WeChat's answer, so this bounds how many sends are in flight per instance
 * @param takeover how soon after an instance dies another one takes over the deliveries
 * it held: an attempt leases its part for this long less {@link #SWEEP_SLACK}, and every
 * instance sweeps for lapsed leases each second. Keep it well above the time an attempt
 * can take (a few calls to WeChat, each within {@code kefu.wechat.connect-timeout} +
 * {@code read-timeout})
 */
@Validated
@ConfigurationProperties("kefu.outbox")
record OutboxProperties(@Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
		@NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration firstRetry,
		@NotNull @DurationMin(millis = 1) @DefaultValue("1m") Duration maxRetryDelay,
		@Min(1) @Max(1000) @DefaultValue("32") int senders,
		@NotNull @DurationMin(seconds = 5) @DefaultValue("30s") Duration takeover) {

	/**
	 * What the sweep adds to a lease before another instance takes the part: its period
	 * and a grace.
	 */
	static final Duration SWEEP_SLACK = Duration.ofSeconds(2);

	/** How long a claim holds a part. */
	Duration lease() {
		return this.takeover.minus(SWEEP_SLACK);
	}

}
