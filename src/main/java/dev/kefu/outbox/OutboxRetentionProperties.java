package dev.kefu.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the outbox keeps finished deliveries and past allowances
 * ({@code kefu.outbox.*}, beside {@link OutboxProperties}; each record binds only its own
 * names).
 *
 * @param retention {@code kefu.outbox.retention}: a delivery in a final status is deleted
 * once it last changed longer ago than this, and a user's allowance once its window ended
 * longer ago. Deliveries still to be sent are never deleted. At least 10 minutes, like
 * the inbox's records: a delivery also marks its reply part as planned
 * @param purgeInterval {@code kefu.outbox.purge-interval}: how often each instance
 * deletes what is past the retention
 */
@Validated
@ConfigurationProperties("kefu.outbox")
record OutboxRetentionProperties(@NotNull @DurationMin(minutes = 10) @DefaultValue("30d") Duration retention,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration purgeInterval) {
}
