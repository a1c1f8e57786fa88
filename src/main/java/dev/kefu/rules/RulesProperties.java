package dev.kefu.rules;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the rules module ({@code kefu.rules.*}).
 *
 * @param refreshInterval {@code kefu.rules.refresh-interval}: how often each instance checks
 * the database for rules changed by another instance (a change shows within this interval plus
 * the time to recompile)
 */
@ConfigurationProperties("kefu.rules")
@Validated
record RulesProperties(
		@DefaultValue("1s") @NotNull(message = "kefu.rules.refresh-interval must be set") Duration refreshInterval) {

	@AssertTrue(message = "kefu.rules.refresh-interval must be positive")
	boolean isRefreshIntervalPositive() {
		return this.refreshInterval == null || !(this.refreshInterval.isNegative() || this.refreshInterval.isZero());
	}

}
