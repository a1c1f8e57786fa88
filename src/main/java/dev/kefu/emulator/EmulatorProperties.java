package dev.kefu.emulator;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the WeChat emulator ({@code kefu.emulator.*}).
 * <p>
 * {@code kefu.emulator.enabled} is deliberately not bound here: it is read from the
 * environment on every request by {@link EmulatorGate}, because the sandbox decides whether it
 * is in use only once the database is up, after this record has been bound.
 *
 * @param pushTimeout how long a push waits for the callback's answer before WeChat gives up on
 * that attempt (WeChat: 5 seconds)
 * @param pushAttempts how many times a push is tried when the callback does not answer in time
 * (WeChat: 3 in total)
 * @param seed the initial seed of the fault controls' random source, so a run is reproducible
 */
@Validated
@ConfigurationProperties("kefu.emulator")
record EmulatorProperties(@NotNull @DefaultValue("5s") Duration pushTimeout,
		@Min(1) @Max(10) @DefaultValue("3") int pushAttempts, @DefaultValue("0") long seed) {

}
