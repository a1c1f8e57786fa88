package dev.kefu.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.kefu.inbox.PushJournal.Recorded;
import dev.kefu.inbox.PushReceiver.Answer;
import dev.kefu.inbox.PushReceiver.PushQuery;
import dev.kefu.inbox.PushReceiver.Received;
import dev.kefu.wechat.push.PushRejectedException;
import dev.kefu.wechat.push.PushRejectedException.Reason;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The URL configured in the mini program's admin console ("消息推送配置"): {@code GET} for the URL
 * check, {@code POST} for every push in every mode and format. Answers {@code success} only once
 * the push is on disk, and never waits for WeChat's API.
 */
@RestController
class CallbackEndpoint {

	private static final Logger log = LoggerFactory.getLogger(CallbackEndpoint.class);

	/** Largest push accepted; compatible mode roughly triples a message, this leaves ample room. */
	static final int MAX_BODY = 1024 * 1024;

	/** Past this we stop reading a refused body and let the connection close. */
	private static final int MAX_DRAIN = 16 * 1024 * 1024;

	private final PushReceiver receiver;

	private final PushJournal journal;

	CallbackEndpoint(PushReceiver receiver, PushJournal journal) {
		this.receiver = receiver;
		this.journal = journal;
	}

	@GetMapping(path = "/wechat/{appId}", produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> verify(@PathVariable String appId, @RequestParam(required = false) String signature,
			@RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
			@RequestParam(required = false) String echostr) {
		try {
			return ResponseEntity.ok()
				.contentType(MediaType.TEXT_PLAIN)
				.body(this.receiver.verifyUrl(appId, signature, timestamp, nonce, echostr));
		}
		catch (PushRejectedException ex) {
			return refuse("URL check", appId, ex);
		}
	}

	@PostMapping("/wechat/{appId}")
	ResponseEntity<String> receive(@PathVariable String appId, @RequestParam(required = false) String signature,
			@RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
			@RequestParam(name = "encrypt_type", required = false) String encryptType,
			@RequestParam(name = "msg_signature", required = false) String msgSignature, HttpServletRequest request)
			throws IOException {
		try {
			byte[] body = readBody(request);
			Received received = this.receiver.receive(appId,
					new PushQuery(signature, timestamp, nonce, encryptType, msgSignature), body);
			Recorded recorded = this.journal.record(received.push()).get(4, TimeUnit.SECONDS);
			Answer answer = this.receiver.answer(received, recorded.transferred());
			return ResponseEntity.ok().header("Content-Type", answer.contentType()).body(answer.body());
		}
		catch (PushRejectedException ex) {
			return refuse("push", appId, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			// Not recorded: WeChat must not hear success, so that it sends the push again.
			log.warn("Could not record a push for app {}: {}", appId, ex.toString());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.contentType(MediaType.TEXT_PLAIN)
				.body("temporarily unable to record the push");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
		}
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

	/** Reads and drops what is left of a refused body (up to a bound), so the client gets our answer. */
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

	private static ResponseEntity<String> refuse(String what, String appId, PushRejectedException ex) {
		HttpStatus status = switch (ex.reason()) {
			case UNKNOWN_APP -> HttpStatus.NOT_FOUND;
			case BODY_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
			case BAD_SIGNATURE, BAD_MSG_SIGNATURE, STALE_TIMESTAMP, APP_ID_MISMATCH -> HttpStatus.FORBIDDEN;
			default -> HttpStatus.BAD_REQUEST;
		};
		log.info("Refused {} for app {}: {} ({})", what, appId, ex.reason(), ex.getMessage());
		return ResponseEntity.status(status)
			.contentType(MediaType.TEXT_PLAIN)
			.body(ex.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + ex.getMessage());
	}

}
