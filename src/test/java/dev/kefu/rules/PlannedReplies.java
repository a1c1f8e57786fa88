package dev.kefu.rules;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/**
 * Collects every {@link ReplyPlanned} the application publishes, for tests to wait on.
 */
@TestComponent
class PlannedReplies {

	private final List<ReplyPlanned> planned = new CopyOnWriteArrayList<>();

	@EventListener
	void on(ReplyPlanned event) {
		this.planned.add(event);
	}

	/** The reply planned for a message, waiting for the asynchronous listener. */
	ReplyPlanned forMessage(String messageId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.planned.stream().filter((event) -> event.messageId().equals(messageId)).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	/** The first reply planned for a user, waiting for the asynchronous listener. */
	ReplyPlanned forUser(String openId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.planned.stream().filter((event) -> event.openId().equals(openId)).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	/** Every reply planned for the message so far. */
	List<ReplyPlanned> allFor(String messageId) {
		return this.planned.stream().filter((event) -> event.messageId().equals(messageId)).toList();
	}

}
