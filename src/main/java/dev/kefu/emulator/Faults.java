package dev.kefu.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;

/**
 * Seeded, reproducible faults of the emulated API, after Retrofit's
 * {@code NetworkBehavior}: an added delay with a variance, a failure percentage answered
 * with an error code (default -1, "system error"), and specific error codes for the next
 * N calls. Every call draws the same two numbers from the random source whatever the
 * outcome, so the same seed and the same sequence of calls give the same faults.
 */
@Component
class Faults {

	/** The calls faults apply to. */
	enum Api {

		TOKEN, STABLE_TOKEN, SEND, TYPING, UPLOAD, GET

	}

	/**
	 * @param seed seed of the random source (reset whenever settings change)
	 * @param delay delay added before each answer
	 * @param delayVariancePercent the delay varies by up to ± this percentage
	 * @param failurePercent the share of calls that fail
	 * @param failureErrcode the error code a failing call answers
	 */
	record Settings(long seed, Duration delay, int delayVariancePercent, int failurePercent, int failureErrcode) {

		Settings {
			if (delay == null || delay.isNegative() || delay.compareTo(Duration.ofSeconds(30)) > 0) {
				throw new IllegalArgumentException("delay must be between 0 and 30 seconds");
			}
			if (delayVariancePercent < 0 || delayVariancePercent > 100) {
				throw new IllegalArgumentException("delayVariancePercent must be between 0 and 100");
			}
			if (failurePercent < 0 || failurePercent > 100) {
				throw new IllegalArgumentException("failurePercent must be between 0 and 100");
			}
			if (failureErrcode == 0) {
				throw new IllegalArgumentException("failureErrcode must not be 0");
			}
		}

		static Settings none(long seed) {
			return new Settings(seed, Duration.ZERO, 0, 0, WechatError.SYSTEM_BUSY.errcode());
		}

	}

	/**
	 * Error codes queued for the next {@code remaining} calls of one API ({@code api}
	 * null: any).
	 */
	record Injected(int errcode, int remaining, Api api) {
	}

	/**
	 * What happens to one call: wait {@code delay}, then answer {@code refusal} if not
	 * null.
	 */
	record Decision(Duration delay, Refusal refusal) {
	}

	/** The current settings and queue, for display. */
	record State(Settings settings, List<Injected> injected) {
	}

	private final long initialSeed;

	private Settings settings;

	private SplittableRandom random;

	private final List<Injected> injected = new ArrayList<>();

	Faults(EmulatorProperties properties) {
		this.initialSeed = properties.seed();
		reset();
	}

	synchronized Decision decide(Api api) {
		double failureRoll = this.random.nextDouble() * 100;
		double varianceRoll = this.random.nextDouble() * 2 - 1;
		Duration delay = this.settings.delay();
		if (!delay.isZero() && this.settings.delayVariancePercent() > 0) {
			double factor = 1 + varianceRoll * this.settings.delayVariancePercent() / 100.0;
			delay = Duration.ofMillis(Math.round(delay.toMillis() * factor));
		}
		Refusal refusal = takeInjected(api);
		if (refusal == null && failureRoll < this.settings.failurePercent()) {
			refusal = refusal(this.settings.failureErrcode());
		}
		return new Decision(delay, refusal);
	}

	/** New settings; the random source restarts from their seed. */
	synchronized void configure(Settings settings) {
		this.settings = settings;
		this.random = new SplittableRandom(settings.seed());
	}

	synchronized void inject(int errcode, int count, Api api) {
		if (errcode == 0 || count < 1 || count > 1000) {
			throw new IllegalArgumentException("errcode must not be 0 and count must be between 1 and 1000");
		}
		this.injected.add(new Injected(errcode, count, api));
	}

	/**
	 * No delay, no failures, nothing queued, the random source back at the configured
	 * seed.
	 */
	synchronized void reset() {
		this.injected.clear();
		configure(Settings.none(this.initialSeed));
	}

	synchronized State state() {
		return new State(this.settings, List.copyOf(this.injected));
	}

	private Refusal takeInjected(Api api) {
		for (int i = 0; i < this.injected.size(); i++) {
			Injected next = this.injected.get(i);
			if (next.api() == null || next.api() == api) {
				if (next.remaining() > 1) {
					this.injected.set(i, new Injected(next.errcode(), next.remaining() - 1, next.api()));
				}
				else {
					this.injected.remove(i);
				}
				return refusal(next.errcode());
			}
		}
		return null;
	}

	private static Refusal refusal(int errcode) {
		return new Refusal(errcode, WechatError.of(errcode).map(WechatError::errmsg).orElse("emulated error"));
	}

}
