package dev.kefu.rules;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the rules keep their decisions and cooldown marks ({@code kefu.rules.*},
 * beside {@link RulesProperties}; each record binds only its own names).
 *
 * @param retention {@code kefu.rules.retention}: a message's decision is deleted once it
 * was made longer ago than this, and so is the mark of when a DEFAULT or WELCOME rule
 * last answered a user, but never while any rule's cooldown could still hold that user
 * back. At least 10 minutes, like the inbox's records: a decision also marks its message
 * as answered
 * @param purgeInterval {@code kefu.rules.purge-interval}: how often each instance deletes
 * what is past the retention
 */
@Validated
@ConfigurationProperties("kefu.rules")
record RulesRetentionProperties(@NotNull @DurationMin(minutes = 10) @DefaultValue("30d") Duration retention,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration purgeInterval) {
}
