package dev.kefu.outbox;

import java.time.Duration;
import java.time.Instant;

import dev.kefu.rules.ReplyPlanned.Cause;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WindowTests {

	static final Instant RECEIVED = Instant.parse("2025-03-01T08:00:00Z");

	@Test
	void aUserMessageAllowsFiveSendsWithin48HoursOfItsPush() {
		assertThat(Window.openedBy(Cause.USER_MESSAGE, RECEIVED))
			.isEqualTo(new Window(RECEIVED, RECEIVED.plus(Duration.ofHours(48)), 5));
	}

	@Test
	void enteringTheChatAllowsTwoSendsWithinAMinuteOfItsPush() {
		assertThat(Window.openedBy(Cause.ENTERED_CHAT, RECEIVED))
			.isEqualTo(new Window(RECEIVED, RECEIVED.plus(Duration.ofMinutes(1)), 2));
	}

}
