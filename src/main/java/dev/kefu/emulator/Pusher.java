package dev.kefu.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import dev.kefu.wechat.push.PushCipher;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushEnvelope;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushRejectedException;
import dev.kefu.wechat.push.PushSignature;

/**
 * Pushes messages to an app's callback URL exactly as WeChat does (wechat-protocol.md
 * §3–§4, §10): {@code signature}, {@code timestamp}, {@code nonce} and {@code openid} in
 * the query, plus {@code encrypt_type=aes} and {@code msg_signature} in compatible and
 * safe mode; the body in the app's data format; up to 3 attempts when the callback does
 * not answer within 5 seconds. It then judges the answer as WeChat would: {@code success}
 * or an empty body, a valid (and in encrypted modes encrypted and signed)
 * {@code transfer_customer_service} reply, a passive reply WeChat ignores, or a failure
 * the user sees as a notice.
 * <p>
 * Pushes of one app go out one after another, in the order the user acted. Nothing blocks
 * the caller: every method returns a future.
 */
@Component
class Pusher {

	private static final int MAX_ANSWER_BYTES = 64 * 1024;

	private final PushCodec codec = new PushCodec();

	private final SecureRandom random = new SecureRandom();

	private final HttpClient http;

	private final EmulatorProperties properties;

	private final EmulatorTime time;

	private final Map<String, CompletableFuture<?>> queues = new ConcurrentHashMap<>();

	private final PushTargets targets;

	Pusher(EmulatorProperties properties, EmulatorTime time, PushTargets targets) {
		this.targets = targets;
		this.properties = properties;
		this.time = time;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.pushTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Pushes {@code message} to the app's callback and judges the answer. */
	CompletableFuture<PushOutcome> push(EmulatedApp app, PushMessage message) {
		String what = message.isEvent() ? message.event() : message.msgType();
		if (!this.targets.emulable(app.appId())) {
			// it became a real app after it was registered: real users' messages go there
			return CompletableFuture.completedFuture(new PushOutcome(this.time.now(), app.appId(),
					message.fromUserName(), what, app.mode(), app.format(), PushOutcome.Status.FAILED, 0, 0,
					"not pushed: " + app.appId() + " is a real app kefu serves, the emulator only plays sandbox apps"));
		}
		HttpRequest request = request(app, message);
		CompletableFuture<PushOutcome> outcome = new CompletableFuture<>();
		this.queues.compute(app.appId(), (appId, previous) -> {
			CompletableFuture<?> before = (previous != null) ? previous : CompletableFuture.completedFuture(null);
			return before.handle((ignored, failure) -> null)
				.thenCompose((ignored) -> attempt(request, 1))
				.thenApply((answer) -> judge(app, message, what, answer))
				.whenComplete((judged, failure) -> {
					if (failure != null) {
						outcome.completeExceptionally(failure);
					}
					else {
						outcome.complete(judged);
					}
				});
		});
		return outcome;
	}

	/** The push request, signed and (per the app's mode) encrypted, ready to be sent. */
	HttpRequest request(EmulatedApp app, PushMessage message) {
		String timestamp = Long.toString(this.time.wallClock().getEpochSecond());
		String nonce = Long.toString(1_000_000_000L + this.random.nextLong(9_000_000_000L));
		String plaintext = this.codec.encode(message, app.format());
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(app.callbackUrl())
			.queryParam("signature", PushSignature.sign(app.token(), timestamp, nonce))
			.queryParam("timestamp", timestamp)
			.queryParam("nonce", nonce)
			.queryParam("openid", message.fromUserName());
		String body = plaintext;
		if (app.mode().encrypted()) {
			String encrypt = cipher(app).encrypt(plaintext, this.random);
			uri.queryParam("encrypt_type", "aes")
				.queryParam("msg_signature", PushSignature.sign(app.token(), timestamp, nonce, encrypt));
			PushMessage copy = (app.mode() == PushMode.COMPATIBLE) ? message : null;
			body = this.codec.encode(new PushEnvelope(app.originalId(), encrypt, copy), app.format());
		}
		return HttpRequest.newBuilder(uri.encode().build().toUri())
			.timeout(this.properties.pushTimeout())
			.header("Content-Type",
					(app.format() == PushFormat.XML) ? "text/xml; charset=UTF-8" : "application/json; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
	}

	/** What the callback answered (or why it did not), after {@code attempts} tries. */
	record Answer(int status, byte[] body, int attempts, Throwable failure) {
	}

	/**
	 * Sends, and sends again when no answer came, up to the configured number of
	 * attempts.
	 */
	CompletableFuture<Answer> attempt(HttpRequest request, int attempt) {
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
			.thenApply((response) -> new Answer(response.statusCode(), read(response.body()), attempt, null))
			.handle((answer, failure) -> {
				if (failure == null) {
					return CompletableFuture.completedFuture(answer);
				}
				if (attempt < this.properties.pushAttempts()) {
					return attempt(request, attempt + 1);
				}
				Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
				return CompletableFuture.completedFuture(new Answer(0, new byte[0], attempt, cause));
			})
			.thenCompose(Function.identity());
	}

	private PushOutcome judge(EmulatedApp app, PushMessage message, String what, Answer answer) {
		Verdict verdict = verdict(app, message, answer);
		return new PushOutcome(this.time.now(), app.appId(), message.fromUserName(), what, app.mode(), app.format(),
				verdict.status, answer.status(), answer.attempts(), verdict.detail);
	}

	private record Verdict(PushOutcome.Status status, String detail) {

		static Verdict failed(String detail) {
			return new Verdict(PushOutcome.Status.FAILED, detail);
		}

	}

	private Verdict verdict(EmulatedApp app, PushMessage message, Answer answer) {
		if (answer.failure() != null) {
			return Verdict.failed(describe(answer.failure()) + " (" + answer.attempts() + " attempts)");
		}
		if (answer.status() != 200) {
			// the status only: what the callback said is not the emulator's to show
			return Verdict.failed("the callback answered HTTP " + answer.status());
		}
		String text = new String(answer.body(), StandardCharsets.UTF_8);
		if (text.isEmpty() || text.equals("success")) {
			return new Verdict(PushOutcome.Status.ACKNOWLEDGED, text.isEmpty() ? "empty answer" : "success");
		}
		try {
			PushMessage reply = reply(app, answer.body());
			if (!PushMessage.TRANSFER_CUSTOMER_SERVICE.equals(reply.msgType())) {
				return new Verdict(PushOutcome.Status.IGNORED, "a passive " + reply.msgType()
						+ " reply: WeChat does not deliver passive replies in mini program customer service");
			}
			if (message.isEvent()) {
				return new Verdict(PushOutcome.Status.IGNORED,
						"a transfer answer to an event: WeChat transfers user messages only");
			}
			if (!message.fromUserName().equals(reply.toUserName()) || !app.originalId().equals(reply.fromUserName())) {
				return Verdict.failed("the transfer reply is addressed to " + reply.toUserName() + " from "
						+ reply.fromUserName() + ", not to the user from " + app.originalId());
			}
			return new Verdict(PushOutcome.Status.TRANSFERRED, "transfer_customer_service");
		}
		catch (PushRejectedException ex) {
			return Verdict.failed("unreadable reply: " + ex.reason());
		}
		catch (BadReply ex) {
			return Verdict.failed(ex.getMessage());
		}
	}

	/**
	 * Reads a passive reply as WeChat would: in the app's format, and encrypted in
	 * encrypted modes.
	 */
	private PushMessage reply(EmulatedApp app, byte[] body) throws PushRejectedException {
		PushFormat format = PushFormat.sniff(body);
		if (format != app.format()) {
			throw new BadReply("the reply is " + format + " but the app's data format is " + app.format());
		}
		if (!app.mode().encrypted()) {
			return this.codec.decode(new String(body, StandardCharsets.UTF_8), format);
		}
		PushEnvelope envelope = this.codec.readEnvelope(body, format);
		if (envelope.encrypt() == null) {
			throw new BadReply("in " + app.mode() + " mode a reply other than success must be encrypted");
		}
		Map<String, String> fields = (envelope.plaintext() != null) ? envelope.plaintext().otherFields() : Map.of();
		String signature = fields.get("MsgSignature");
		String timestamp = fields.get("TimeStamp");
		String nonce = fields.get("Nonce");
		if (signature == null || timestamp == null || nonce == null) {
			throw new BadReply("the encrypted reply lacks MsgSignature, TimeStamp or Nonce");
		}
		if (!PushSignature.verify(signature, app.token(), timestamp, nonce, envelope.encrypt())) {
			throw new BadReply("the reply's MsgSignature does not match");
		}
		return this.codec.decode(cipher(app).decrypt(envelope.encrypt()).plaintext(), format);
	}

	private static PushCipher cipher(EmulatedApp app) {
		return new PushCipher(app.appId(), app.encodingAesKey(), null);
	}

	static String describe(Throwable failure) {
		if (failure instanceof HttpTimeoutException) {
			return "no answer within the time WeChat waits";
		}
		if (failure instanceof ConnectException) {
			return "the callback URL refused the connection";
		}
		return "the callback URL could not be reached: " + failure.getClass().getSimpleName();
	}

	private static byte[] read(InputStream body) {
		try (body) {
			return body.readNBytes(MAX_ANSWER_BYTES);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A reply WeChat would not accept, with the reason. */
	private static final class BadReply extends RuntimeException {

		BadReply(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Whether a callback URL is one WeChat's console would accept at all (ports 80 and
	 * 443 only).
	 */
	static boolean wechatWouldAccept(URI url) {
		int port = url.getPort();
		return (port == -1) || (port == 80 && "http".equals(url.getScheme()))
				|| (port == 443 && "https".equals(url.getScheme()));
	}

}
