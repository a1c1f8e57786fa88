package dev.kefu.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/** The latest pushes and what became of them, for the emulator page. */
@Component
class PushLog {

	private static final int CAPACITY = 200;

	private final Deque<PushOutcome> outcomes = new ArrayDeque<>();

	synchronized void add(PushOutcome outcome) {
		this.outcomes.addFirst(outcome);
		while (this.outcomes.size() > CAPACITY) {
			this.outcomes.removeLast();
		}
	}

	synchronized List<PushOutcome> recent(String appId, int max) {
		return this.outcomes.stream()
			.filter((outcome) -> appId == null || outcome.appId().equals(appId))
			.limit(max)
			.toList();
	}

}
