package dev.kefu.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.kefu.inbox.PushJournal.Recorded;
import dev.kefu.inbox.PushReceiver.Answer;
import dev.kefu.inbox.PushReceiver.PushQuery;
import dev.kefu.inbox.PushReceiver.Received;
import dev.kefu.inbox.PushReceiver.UrlCheck;
import dev.kefu.wechat.push.PushRejectedException;
import dev.kefu.wechat.push.PushRejectedException.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.function.SingletonSupplier;

/**
 * The URL configured in the mini program's admin console ("消息推送配置"): {@code GET} for the
 * URL check, {@code POST} for every push in every mode and format. Answers
 * {@code success} only once the push is on disk, and never waits for WeChat's API.
 * <p>
 * This is the one hot path of kefu, so it is a servlet filter ahead of everything else
 * ({@link CallbackFilterRegistration}): a push needs none of Spring MVC's handler lookup
 * across the console's hundred-odd mappings, nor the security filter chain (a push is
 * authenticated by its signatures, {@code /wechat/**} is open). Requests it does not
 * answer (another method, a deeper path) go on down the chain as before. It reads the
 * query string itself, so that a form-encoded body is never parsed as parameters.
 * <p>
 * A push that cannot be recorded within {@link #RECORD_WITHIN} (the database is gone, or
 * too slow) is refused with 503 and a one-line reason: WeChat then sends it again, and a
 * push the journal records after all is answered as a duplicate. A push whose signature
 * the journal finds accepted before with another body is refused with 403
 * ({@code replayed_signature}). A URL check's signature is remembered in the
 * {@link ReplayCache} before the echo is sent (503 if it cannot be), so that no plaintext
 * push, signed alike, can use it.
 */
class CallbackEndpoint extends HttpFilter {

	private static final Logger log = LoggerFactory.getLogger(CallbackEndpoint.class);

	static final String PREFIX = "/wechat/";

	/** {@code wx} and 16 hex digits. */
	private static final int APP_ID_LENGTH = 18;

	/** Stands for an app id segment that is not one; compared by identity. */
	static final String MALFORMED = new String("malformed");

	private static final ResponseEntity<String> MALFORMED_ANSWER = ResponseEntity.status(HttpStatus.BAD_REQUEST)
		.contentType(MediaType.TEXT_PLAIN)
		.body("malformed app id: expected wx and 16 hex digits");

	/**
	 * Refusals are logged at INFO at most once per this, with a count of those left out.
	 */
	private static final long LOG_REFUSAL_EVERY = TimeUnit.SECONDS.toNanos(1);

	private static final AtomicLong nextRefusalLog = new AtomicLong(System.nanoTime());

	private static final AtomicLong unloggedRefusals = new AtomicLong();

	/**
	 * Largest push accepted; compatible mode roughly triples a message, this leaves ample
	 * room.
	 */
	static final int MAX_BODY = 1024 * 1024;

	/** Past this we stop reading a refused body and let the connection close. */
	private static final int MAX_DRAIN = 16 * 1024 * 1024;

	/**
	 * How long a push waits to be recorded before it is refused. WeChat gives up after 5
	 * s; refusing well within 2 s leaves the rest of the request (reading, decrypting,
	 * answering) and a slow network ample room, and frees the request thread while the
	 * database is gone.
	 */
	static final Duration RECORD_WITHIN = Duration.ofMillis(1500);

	/**
	 * How long a recorded push whose answer is the transfer waits for the replies planned
	 * before it ({@link TransferOrder}), so that the user reads them before the
	 * hand-over: sending them takes WeChat's API a fraction of this. Past it the transfer
	 * is answered anyway (the replies follow), well within WeChat's 5 s together with
	 * {@link #RECORD_WITHIN}. Only transfers wait.
	 */
	static final Duration TRANSFER_AFTER_REPLIES_WITHIN = Duration.ofSeconds(2);

	/**
	 * While the database is gone every push is refused: one warning per this, with a
	 * count.
	 */
	private static final long WARN_EVERY = TimeUnit.SECONDS.toNanos(10);

	private final PushReceiver receiver;

	private final PushJournal journal;

	private final ReplayCache replays;

	private final SingletonSupplier<TransferOrder> transferOrder;

	private final MeterRegistry meters;

	private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

	private final AtomicLong unwarned = new AtomicLong();

	CallbackEndpoint(PushReceiver receiver, PushJournal journal, ReplayCache replays,
			ObjectProvider<TransferOrder> transferOrder, MeterRegistry meters) {
		this.receiver = receiver;
		this.journal = journal;
		this.replays = replays;
		this.transferOrder = SingletonSupplier.of(transferOrder::getIfAvailable);
		this.meters = meters;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String appId = appId(request);
		boolean get = "GET".equals(request.getMethod());
		if (appId == null || !(get || "POST".equals(request.getMethod()))) {
			chain.doFilter(request, response);
			return;
		}
		if (appId == MALFORMED) {
			// not logged: it is not an app of anyone's, and logging it would let anyone
			// write the log
			write(MALFORMED_ANSWER, response);
			return;
		}
		Map<String, String> query = query(request.getQueryString());
		ResponseEntity<String> answer;
		try {
			answer = get ? verify(appId, query) : receive(appId, query, request);
		}
		catch (RuntimeException ex) {
			log.error("Could not handle a push for app {}", appId, ex);
			answer = ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
				.contentType(MediaType.TEXT_PLAIN)
				.body("internal error");
		}
		write(answer, response);
	}

	/**
	 * The app id of {@code /wechat/{appId}}; {@link #MALFORMED} when that segment is not
	 * {@code wx} and 16 hex digits (the only form WeChat gives out, the sandbox's
	 * included); {@code null} for any other path. The id is checked on the raw URI,
	 * without decoding or copying it first: an encoded character cannot be part of a
	 * valid id anyway.
	 */
	static String appId(HttpServletRequest request) {
		String uri = request.getRequestURI();
		int start = request.getContextPath().length() + PREFIX.length();
		if (!uri.startsWith(PREFIX, start - PREFIX.length()) || uri.length() == start || uri.indexOf('/', start) >= 0
				|| uri.indexOf(';', start) >= 0) {
			return null;
		}
		return isAppId(uri, start) ? uri.substring(start) : MALFORMED;
	}

	/**
	 * Whether {@code uri} from {@code start} to its end is {@code wx} and 16 hex digits.
	 */
	static boolean isAppId(String uri, int start) {
		if (uri.length() - start != APP_ID_LENGTH || uri.charAt(start) != 'w' || uri.charAt(start + 1) != 'x') {
			return false;
		}
		for (int i = start + 2; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
				return false;
			}
		}
		return true;
	}

	/** The query string's parameters, the first of each name. */
	static Map<String, String> query(String queryString) {
		Map<String, String> parameters = new HashMap<>();
		if (queryString == null) {
			return parameters;
		}
		int from = 0;
		while (from <= queryString.length()) {
			int end = queryString.indexOf('&', from);
			if (end < 0) {
				end = queryString.length();
			}
			int equals = queryString.indexOf('=', from);
			if (end > from) {
				String name;
				String value;
				if (equals < 0 || equals > end) {
					name = queryString.substring(from, end);
					value = "";
				}
				else {
					name = queryString.substring(from, equals);
					value = queryString.substring(equals + 1, end);
				}
				try {
					parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
							URLDecoder.decode(value, StandardCharsets.UTF_8));
				}
				catch (IllegalArgumentException ex) {
					// a malformed escape: the parameter is left out, and its check
					// refuses the push
				}
			}
			from = end + 1;
		}
		return parameters;
	}

	private ResponseEntity<String> verify(String appId, Map<String, String> query) {
		UrlCheck check;
		try {
			check = this.receiver.verifyUrl(appId, query.get("signature"), query.get("timestamp"), query.get("nonce"),
					query.get("echostr"));
		}
		catch (PushRejectedException ex) {
			return refuse("URL check", appId, ex);
		}
		try {
			if (check.key() != null) {
				this.replays.rememberUrlCheck(check.key());
			}
		}
		catch (DataAccessException ex) {
			log.warn("Refused a URL check for app {} with 503: could not remember its signature ({})", appId,
					ex.toString());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.contentType(MediaType.TEXT_PLAIN)
				.body("temporarily unavailable, check again");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(check.echostr());
	}

	private ResponseEntity<String> receive(String appId, Map<String, String> query, HttpServletRequest request)
			throws IOException {
		try {
			byte[] body = readBody(request);
			Received received = this.receiver.receive(appId, new PushQuery(query.get("signature"),
					query.get("timestamp"), query.get("nonce"), query.get("encrypt_type"), query.get("msg_signature")),
					body);
			Recorded recorded;
			CompletableFuture<Recorded> recording = this.journal.record(received.push());
			try {
				recorded = recording.get(RECORD_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				return unavailable(received, "could not record the push", ex.getCause());
			}
			catch (TimeoutException ex) {
				// Tells the journal that nobody waits for this push any more. It may
				// still be
				// recorded; WeChat's retry is then answered as a duplicate.
				recording.cancel(false);
				return unavailable(received, "not recorded within " + RECORD_WITHIN.toMillis() + " ms", null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return unavailable(received, "interrupted", null);
			}
			if (recorded.replayed()) {
				count(received, "replayed");
				throw new PushRejectedException(Reason.REPLAYED_SIGNATURE,
						"the signature was accepted before with another body");
			}
			count(received, recorded.duplicate() ? "duplicate" : "recorded");
			if (recorded.transferred()) {
				awaitRepliesBeforeTransfer(received);
			}
			Answer answer = this.receiver.answer(received, recorded.transferred());
			return ResponseEntity.ok().header("Content-Type", answer.contentType()).body(answer.body());
		}
		catch (PushRejectedException ex) {
			return refuse("push", appId, ex);
		}
	}

	/**
	 * Waits, at most {@link #TRANSFER_AFTER_REPLIES_WITHIN}, for the replies planned
	 * before the transfer to be sent. Only a push answered with the transfer waits, and
	 * only while this instance sends those replies.
	 */
	private void awaitRepliesBeforeTransfer(Received received) {
		TransferOrder order = this.transferOrder.get();
		if (order == null) {
			return;
		}
		CompletableFuture<Void> sent = order.repliesBeforeTransfer(received.push().id());
		try {
			sent.get(TRANSFER_AFTER_REPLIES_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException | java.util.concurrent.CancellationException ex) {
			// answered anyway: the hand-over is what the user asked for, the replies
			// follow it
			sent.cancel(false);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Not recorded: WeChat must not hear success, so that it sends the push again. The
	 * answer says why in one line; the cause (a database error) stays in the log, in
	 * short: the journal logs the failure itself.
	 */
	private ResponseEntity<String> unavailable(Received received, String reason, Throwable cause) {
		count(received, "refused");
		long now = System.nanoTime();
		long next = this.nextWarning.get();
		if (now - next >= 0 && this.nextWarning.compareAndSet(next, now + WARN_EVERY)) {
			log.warn("Refused a push for app {} with 503: {}{} ({} more refused since the last warning)",
					received.push().appId(), reason, (cause != null) ? " (" + cause + ")" : "",
					this.unwarned.getAndSet(0));
		}
		else {
			this.unwarned.incrementAndGet();
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.TEXT_PLAIN)
			.body("temporarily unavailable: " + reason + ", send it again");
	}

	/**
	 * Pushes by type ({@code text}, {@code image}, ..., or the event's name) and outcome:
	 * new ({@code recorded}), recorded before ({@code duplicate}), not recorded
	 * ({@code refused}), or refused for a signature used before with another body
	 * ({@code replayed}).
	 */
	private void count(Received received, String outcome) {
		String type = (received.push().event() != null) ? "event:" + received.push().event()
				: received.push().msgType();
		this.meters.counter("kefu.inbox.pushes", "app", received.push().appId(), "type", type, "outcome", outcome)
			.increment();
	}

	private static void write(ResponseEntity<String> answer, HttpServletResponse response) throws IOException {
		response.setStatus(answer.getStatusCode().value());
		MediaType type = answer.getHeaders().getContentType();
		response.setHeader("Content-Type", (type != null) ? type.toString() : MediaType.TEXT_PLAIN_VALUE);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "no-store");
		byte[] bytes = (answer.getBody() != null) ? answer.getBody().getBytes(StandardCharsets.UTF_8) : new byte[0];
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	private static byte[] readBody(HttpServletRequest request) throws IOException, PushRejectedException {
		try (InputStream in = request.getInputStream()) {
			if (request.getContentLengthLong() > MAX_BODY) {
				drain(in);
				throw tooLarge();
			}
			byte[] body = in.readNBytes(MAX_BODY + 1);
			if (body.length > MAX_BODY) {
				drain(in);
				throw tooLarge();
			}
			return body;
		}
	}

	/**
	 * Reads and drops what is left of a refused body (up to a bound), so the client gets
	 * our answer.
	 */
	private static void drain(InputStream in) throws IOException {
		byte[] sink = new byte[64 * 1024];
		long total = 0;
		int n;
		while (total < MAX_DRAIN && (n = in.read(sink)) != -1) {
			total += n;
		}
	}

	private static PushRejectedException tooLarge() {
		return new PushRejectedException(Reason.BODY_TOO_LARGE, "body over " + MAX_BODY + " bytes");
	}

	/**
	 * Refusals come from whoever reaches the URL: an unknown app is logged at DEBUG only
	 * (a scanner's pushes are nobody's concern), the others at INFO at most once a second
	 * with a count of those left out, so a flood cannot flood the log. The app id was
	 * validated before and the message has its control characters escaped, so neither can
	 * forge a log line.
	 */
	private static void logRefusal(String what, String appId, PushRejectedException ex) {
		if (ex.reason() == Reason.UNKNOWN_APP) {
			if (log.isDebugEnabled()) {
				log.debug("Refused {} for unknown app {}", what, appId);
			}
			return;
		}
		long now = System.nanoTime();
		long next = nextRefusalLog.get();
		if (now - next >= 0 && nextRefusalLog.compareAndSet(next, now + LOG_REFUSAL_EVERY)) {
			long left = unloggedRefusals.getAndSet(0);
			log.info("Refused {} for app {}: {} ({}){}", what, appId, ex.reason(), printable(ex.getMessage()),
					(left > 0) ? " (" + left + " more refusals not logged in the last second)" : "");
		}
		else {
			unloggedRefusals.incrementAndGet();
			if (log.isDebugEnabled()) {
				log.debug("Refused {} for app {}: {} ({})", what, appId, ex.reason(), printable(ex.getMessage()));
			}
		}
	}

	/**
	 * {@code text} with control characters (line breaks above all) written as Java-style
	 * u-escapes (backslash, u, four hex digits).
	 */
	static String printable(String text) {
		if (text == null) {
			return null;
		}
		int i = 0;
		while (i < text.length() && !Character.isISOControl(text.charAt(i)) && text.charAt(i) != '\u2028'
				&& text.charAt(i) != '\u2029') {
			i++;
		}
		if (i == text.length()) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
		for (; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static ResponseEntity<String> refuse(String what, String appId, PushRejectedException ex) {
		HttpStatus status = switch (ex.reason()) {
			case UNKNOWN_APP -> HttpStatus.NOT_FOUND;
			case BODY_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
			case BAD_SIGNATURE, BAD_MSG_SIGNATURE, STALE_TIMESTAMP, APP_ID_MISMATCH, CHECK_SIGNATURE, MODE_MISMATCH,
					REPLAYED_SIGNATURE ->
				HttpStatus.FORBIDDEN;
			default -> HttpStatus.BAD_REQUEST;
		};
		logRefusal(what, appId, ex);
		return ResponseEntity.status(status)
			.contentType(MediaType.TEXT_PLAIN)
			.body(ex.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + ex.getMessage());
	}

}
