package dev.kefu.inbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a push whose reply could not be planned is tried again.
 *
 * @param maxAttempts attempts to plan (the first one included) before kefu gives up and
 * shows the message as a FAILED delivery
 * @param firstDelay the wait before the first retry; each further one doubles it
 * @param maxDelay the longest wait between two attempts
 */
@Validated
@ConfigurationProperties("kefu.inbox.plan-retries")
record PlanRetryProperties(@Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
		@NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration firstDelay,
		@NotNull @DurationMin(millis = 1) @DefaultValue("1m") Duration maxDelay) {

	/** The wait after the given number of failed attempts. */
	Duration delayAfter(int attempts) {
		long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
		Duration delay = this.firstDelay.multipliedBy(factor);
		return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
	}

}
