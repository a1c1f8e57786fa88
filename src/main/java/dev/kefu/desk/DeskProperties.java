package dev.kefu.desk;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the agent desk ({@code kefu.desk.*}).
 *
 * @param idleRelease {@code kefu.desk.idle-release}: a claimed conversation is released
 * when its agent has not claimed or answered it again for this long
 * @param pollInterval {@code kefu.desk.poll-interval}: without Redis, how often each
 * instance with open desks checks the database for messages and claims of other instances
 * @param retention {@code kefu.desk.retention}: desk audit entries and read markers older
 * than this are deleted
 * @param purgeInterval {@code kefu.desk.purge-interval}: how often each instance deletes
 * what is past the retention
 */
@ConfigurationProperties("kefu.desk")
@Validated
public record DeskProperties(
		@NotNull(message = "kefu.desk.idle-release must be set") @DurationMin(seconds = 1,
				message = "kefu.desk.idle-release must be at least 1s") @DefaultValue("30m") Duration idleRelease,
		@NotNull(message = "kefu.desk.poll-interval must be set") @DurationMin(millis = 50,
				message = "kefu.desk.poll-interval must be at least 50ms") @DefaultValue("500ms") Duration pollInterval,
		@NotNull(message = "kefu.desk.retention must be set") @DurationMin(minutes = 10,
				message = "kefu.desk.retention must be at least 10m") @DefaultValue("180d") Duration retention,
		@NotNull(message = "kefu.desk.purge-interval must be set") @DurationMin(seconds = 1,
				message = "kefu.desk.purge-interval must be at least 1s") @DefaultValue("10m") Duration purgeInterval) {
}
