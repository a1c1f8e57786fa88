package dev.kefu.emulator;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the WeChat emulator ({@code kefu.emulator.*}).
 *
 * @param enabled {@code true} serves the emulator, {@code false} never does; unset (the
 * default) serves it while kefu has no real app (only sandbox apps, or none), and stops
 * serving it once a real app exists ({@link EmulatorSwitch})
 * @param pushTimeout how long a push waits for the callback's answer before WeChat gives
 * up on that attempt (WeChat: 5 seconds)
 * @param pushAttempts how many times a push is tried when the callback does not answer in
 * time (WeChat: 3 in total)
 * @param seed the initial seed of the fault controls' random source, so a run is
 * reproducible
 * @param mediaMemory how much memory all the images the emulator holds (uploads and
 * images users send) may take together; past it, uploads are refused with WeChat's 45009
 */
@Validated
@ConfigurationProperties("kefu.emulator")
record EmulatorProperties(Boolean enabled, @NotNull @DefaultValue("5s") Duration pushTimeout,
		@Min(1) @Max(10) @DefaultValue("3") int pushAttempts, @DefaultValue("0") long seed,
		@NotNull @DefaultValue("64MB") DataSize mediaMemory) {

	EmulatorProperties {
		if (mediaMemory != null && mediaMemory.toBytes() < TemporaryMedia.MAX_BYTES) {
			throw new IllegalArgumentException("kefu.emulator.media-memory must be at least " + TemporaryMedia.MAX_BYTES
					+ " bytes (one image), got " + mediaMemory);
		}
	}

}
