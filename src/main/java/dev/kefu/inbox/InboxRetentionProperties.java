package dev.kefu.inbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the inbox keeps recorded pushes ({@code kefu.inbox.*}). A record of its own
 * rather than part of {@link InboxProperties}, which binds {@code kefu.wechat}.
 *
 * @param retention {@code kefu.inbox.retention}: a recorded push is deleted once it was
 * received longer ago than this. The record is also the push's de-duplication key, so at
 * least 10 minutes: WeChat retries an unanswered push within seconds, and a retry inside
 * the retention is still recognised and answered without being recorded again
 * @param purgeInterval {@code kefu.inbox.purge-interval}: how often each instance deletes
 * what is past the retention
 */
@Validated
@ConfigurationProperties("kefu.inbox")
record InboxRetentionProperties(@NotNull @DurationMin(minutes = 10) @DefaultValue("30d") Duration retention,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration purgeInterval) {
}
