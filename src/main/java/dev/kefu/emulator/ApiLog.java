package dev.kefu.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * The latest calls to the emulated API with their outcome, shown on the emulator page so
 * a developer sees what kefu asked and what "WeChat" answered. Never records a token or a
 * body.
 */
@Component
class ApiLog {

	private static final int CAPACITY = 500;

	/**
	 * One call: which API, for which app and user when known, and the errcode answered.
	 */
	record Call(Instant at, Faults.Api api, String appId, String openId, int errcode, String errmsg) {

		public boolean ok() {
			return this.errcode == 0;
		}

	}

	private final Deque<Call> calls = new ArrayDeque<>();

	synchronized void add(Call call) {
		this.calls.addFirst(call);
		while (this.calls.size() > CAPACITY) {
			this.calls.removeLast();
		}
	}

	/**
	 * The latest calls first; those of one app (plus the ones with no known app) when
	 * appId is set.
	 */
	synchronized List<Call> recent(String appId, int max) {
		return this.calls.stream()
			.filter((call) -> appId == null || call.appId() == null || Objects.equals(call.appId(), appId))
			.limit(max)
			.toList();
	}

	synchronized void clear() {
		this.calls.clear();
	}

}
