package dev.kefu.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Answers every call of the emulated API the way WeChat does: faults first (delay,
 * failure, injected codes), then the handler; a {@link Refusal} becomes HTTP 200 with
 * {@code {"errcode":…,"errmsg":"… rid: …"}}. A delay never holds a request thread: the
 * answer is completed later by a scheduler.
 */
@Component
class ApiAnswers {

	/** What a handler learns about the call, for the log and the chat window. */
	static final class Call {

		private final Faults.Api api;

		private String appId;

		private Conversation conversation;

		Call(Faults.Api api) {
			this.api = api;
		}

		String app(String appId) {
			this.appId = appId;
			return appId;
		}

		Conversation user(Conversation conversation) {
			this.conversation = conversation;
			return conversation;
		}

	}

	@FunctionalInterface
	interface Handler {

		ResponseEntity<Object> handle(Call call);

	}

	private final Faults faults;

	private final ApiLog log;

	private final EmulatorTime time;

	private final EmulatorScheduler scheduler;

	ApiAnswers(Faults faults, ApiLog log, EmulatorTime time, EmulatorScheduler scheduler) {
		this.faults = faults;
		this.log = log;
		this.time = time;
		this.scheduler = scheduler;
	}

	CompletableFuture<ResponseEntity<Object>> answer(Faults.Api api, Handler handler) {
		return answer(api, (call) -> {
		}, handler);
	}

	/**
	 * Like {@link #answer(Faults.Api, Handler)}, first letting {@code attribution} tell
	 * (best effort, never refusing) which app and user the call is about, so even an
	 * injected fault shows in that user's chat.
	 */
	CompletableFuture<ResponseEntity<Object>> answer(Faults.Api api, Consumer<Call> attribution, Handler handler) {
		Faults.Decision decision = this.faults.decide(api);
		Call call = new Call(api);
		try {
			attribution.accept(call);
		}
		catch (Refusal ex) {
			// only a hint for the log; the handler refuses properly
		}
		ResponseEntity<Object> response;
		try {
			if (decision.refusal() != null) {
				throw decision.refusal();
			}
			response = handler.handle(call);
			record(call, 0, "ok");
		}
		catch (Refusal refusal) {
			record(call, refusal.errcode(), refusal.errmsg());
			if (call.conversation != null && (api == Faults.Api.SEND || api == Faults.Api.TYPING)) {
				call.conversation
					.show(new ChatEntry.Refused(this.time.now(), apiName(api), refusal.errcode(), refusal.errmsg()));
			}
			response = error(refusal);
		}
		return later(decision.delay(), response);
	}

	static ResponseEntity<Object> ok(Map<String, Object> body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	static ResponseEntity<Object> error(Refusal refusal) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errcode", refusal.errcode());
		body.put("errmsg", refusal.errmsg() + " rid: " + rid());
		return ok(body);
	}

	static Map<String, Object> okBody() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errcode", 0);
		body.put("errmsg", "ok");
		return body;
	}

	private void record(Call call, int errcode, String errmsg) {
		String openId = (call.conversation != null) ? call.conversation.openId() : null;
		this.log.add(new ApiLog.Call(this.time.now(), call.api, call.appId, openId, errcode, errmsg));
	}

	private <T> CompletableFuture<T> later(Duration delay, T value) {
		if (delay.isZero() || delay.isNegative()) {
			return CompletableFuture.completedFuture(value);
		}
		CompletableFuture<T> future = new CompletableFuture<>();
		this.scheduler.schedule(() -> future.complete(value), delay.toMillis(), TimeUnit.MILLISECONDS);
		return future;
	}

	static String apiName(Faults.Api api) {
		return switch (api) {
			case TOKEN -> "token";
			case STABLE_TOKEN -> "stable_token";
			case SEND -> "message/custom/send";
			case TYPING -> "message/custom/typing";
			case UPLOAD -> "media/upload";
			case GET -> "media/get";
		};
	}

	/** WeChat appends a request id to every errmsg; clients must not match on errmsg. */
	private static String rid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("%08x-%08x-%08x", random.nextInt(), random.nextInt(), random.nextInt());
	}

}
