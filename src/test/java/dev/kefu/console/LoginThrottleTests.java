package dev.kefu.console;

import java.time.Duration;

import dev.kefu.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	private final MutableClock clock = new MutableClock();

	private final LoginThrottle throttle = new LoginThrottle(
			new ConsoleProperties(new ConsoleProperties.Admin("admin", null),
					new ConsoleProperties.Console(5, Duration.ofMinutes(15), 20, 50)),
			this.clock);

	private void fail(String user, String address, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed(user, address);
		}
	}

	@Test
	void refusesAnAccountFromAnAddressAfterFiveFailuresThere() {
		fail("alice", "203.0.113.7", 4);
		assertThat(this.throttle.refuses("alice", "203.0.113.7")).isFalse();
		fail("alice", "203.0.113.7", 1);
		assertThat(this.throttle.refuses("alice", "203.0.113.7")).isTrue();
		assertThat(this.throttle.refuses("ALICE", "203.0.113.7")).as("names count case-insensitively").isTrue();
	}

	@Test
	void aStrangerCannotLockTheOwnerOutFromTheirAddress() {
		fail("alice", "203.0.113.7", 10);
		assertThat(this.throttle.refuses("alice", "198.51.100.2")).isFalse();
	}

	@Test
	void refusesAnAddressAfterTwentyFailuresOnAnyAccounts() {
		for (int i = 0; i < 20; i++) {
			this.throttle.failed("user" + i, "203.0.113.9");
		}
		assertThat(this.throttle.refuses("someone-new", "203.0.113.9")).isTrue();
		assertThat(this.throttle.refuses("someone-new", "203.0.113.10")).isFalse();
	}

	@Test
	void refusesAGuesserSpreadOverManyAddressesButNotTheOwnersKnownAddress() {
		this.throttle.succeeded("alice", "198.51.100.2");
		for (int i = 0; i < 50; i++) {
			this.throttle.failed("alice", "203.0.113." + i);
		}
		assertThat(this.throttle.refuses("alice", "203.0.113.200")).isTrue();
		assertThat(this.throttle.refuses("alice", "198.51.100.2")).isFalse();
		assertThat(this.throttle.paused("alice")).isTrue();
	}

	@Test
	void forgetsFailuresOnceThePeriodIsOver() {
		fail("alice", "203.0.113.7", 5);
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(this.throttle.refuses("alice", "203.0.113.7")).isFalse();
		assertThat(this.throttle.paused("alice")).isFalse();
	}

	@Test
	void anAdminsUnlockForgetsTheAccountsFailures() {
		fail("alice", "203.0.113.7", 5);
		this.throttle.forget("alice");
		assertThat(this.throttle.refuses("alice", "203.0.113.7")).isFalse();
	}

	@Test
	void countsIpv6AddressesByTheirSlash64() {
		fail("alice", "2001:db8:1:2:aaaa::1", 5);
		assertThat(this.throttle.refuses("alice", "2001:db8:1:2:bbbb::99")).isTrue();
		assertThat(this.throttle.refuses("alice", "2001:db8:1:3::1")).isFalse();
		assertThat(LoginThrottle.network("[::ffff:203.0.113.7]")).isEqualTo("203.0.113.7");
	}

	@Test
	void staysBoundedUnderASprayOfAddresses() {
		for (int i = 0; i < LoginThrottle.MAX_ENTRIES; i++) {
			this.throttle.failed("alice", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
		}
		fail("bob", "192.0.2.1", 5);
		assertThat(this.throttle.refuses("bob", "192.0.2.1")).isTrue();
	}

}
