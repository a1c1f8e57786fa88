package dev.kefu.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import dev.kefu.TimeOrderedIds;
import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.inbox.ReplayCache.ReplayKey;
import dev.kefu.wechat.push.PushCipher;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushEnvelope;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushMode;
import dev.kefu.wechat.push.PushRejectedException;
import dev.kefu.wechat.push.PushRejectedException.Reason;
import dev.kefu.wechat.push.PushSignature;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Turns a raw push into an {@link AcceptedPush} (or a refusal with its reason) and
 * decides the passive answer. The order is WeChat's: find the app, check the clock,
 * verify the signature that covers what we are about to trust, decrypt, check the app id
 * inside, parse.
 * <p>
 * An app whose recorded {@link PushMode} encrypts refuses a push without
 * {@code encrypt_type=aes} ({@code MODE_MISMATCH}): its plaintext {@code signature}
 * covers no body. A plaintext app, or one with no recorded mode, takes each push in the
 * mode it says it is in, so an operator can switch the mode in WeChat before changing it
 * here. Each accepted push carries its {@link ReplayKey}: the signature that covers it
 * and the hash of its body, which the journal checks against the {@link ReplayCache}.
 */
@Component
class PushReceiver {

	static final String SUCCESS = "success";

	private static final int MAX_CONTENT = 8192;

	private final Apps apps;

	private final PushCodec codec = new PushCodec();

	/**
	 * Looked up once: resolving a bean on every push costs more than deciding the
	 * transfer.
	 */
	private final SingletonSupplier<TransferDecision> transferDecision;

	private final InboxProperties properties;

	private final Clock clock;

	private final RandomGenerator random;

	private final Map<String, KeyedCipher> ciphers = new ConcurrentHashMap<>();

	PushReceiver(Apps apps, ObjectProvider<TransferDecision> transferDecision, InboxProperties properties,
			Clock clock) {
		this.apps = apps;
		this.transferDecision = SingletonSupplier.of(transferDecision::getIfAvailable);
		this.properties = properties;
		this.clock = clock;
		this.random = new java.security.SecureRandom();
	}

	/**
	 * WeChat's URL check: the echo string on a good signature, and the signature's key,
	 * to be remembered so that no plaintext push (signed alike) can use it.
	 */
	UrlCheck verifyUrl(String appId, String signature, String timestamp, String nonce, String echostr)
			throws PushRejectedException {
		App app = app(appId);
		require(echostr, "echostr");
		checkClock(timestamp);
		PushSignature.checkSignature(signature, app.token(), timestamp, nonce);
		return new UrlCheck(echostr, replaysRefused()
				? ReplayCache.key(app.appId(), "signature", timestamp, nonce, signature, null, expiresAt(timestamp))
				: null);
	}

	/** Checks, decrypts and parses one POSTed push. */
	Received receive(String appId, PushQuery query, byte[] body) throws PushRejectedException {
		App app = app(appId);
		checkClock(query.timestamp());
		if (query.nonce() != null && query.nonce().startsWith(PushSignature.CHECK_NONCE_PREFIX)) {
			throw new PushRejectedException(Reason.CHECK_SIGNATURE, "a URL check's signature is not valid for a push");
		}
		boolean encrypted = query.encrypted();
		if (!encrypted && app.pushMode() != null && app.pushMode().encrypts()) {
			throw new PushRejectedException(Reason.MODE_MISMATCH,
					"the app is in " + app.pushMode() + " mode and the push is not encrypted (no encrypt_type=aes)");
		}
		PushFormat format = PushFormat.sniff(body);
		PushEnvelope envelope = this.codec.readEnvelope(body, format);
		PushMessage message;
		boolean previousKey = false;
		if (encrypted) {
			// In compatible and safe mode only msg_signature covers the body (it signs
			// Encrypt).
			PushSignature.checkMsgSignature(query.msgSignature(), app.token(), query.timestamp(), query.nonce(),
					envelope.encrypt());
			PushCipher.Decrypted decrypted = cipher(app).decrypt(envelope.encrypt());
			previousKey = decrypted.withPreviousKey();
			message = this.codec.decode(decrypted.plaintext(), format);
		}
		else {
			PushSignature.checkSignature(query.signature(), app.token(), query.timestamp(), query.nonce());
			message = envelope.plaintext();
			if (message == null) {
				throw new PushRejectedException(Reason.MALFORMED_BODY, "plaintext push without a message");
			}
		}
		checkShape(message);
		Instant now = this.clock.instant();
		boolean transfers = !"event".equals(message.msgType()) && transfers(app, message);
		AcceptedPush push = new AcceptedPush(TimeOrderedIds.next(now), app.appId(), dedupeKey(app, message),
				message.msgId(), message.fromUserName(), message.msgType(), message.event(), truncate(content(message)),
				truncate(message.sessionFrom()), message.createTime(), now, transfers,
				// an encrypted push's msg_signature covers its body: no other body passes
				// the check
				(encrypted || !replaysRefused()) ? null : ReplayCache.key(app.appId(), "signature", query.timestamp(),
						query.nonce(), query.signature(), body, expiresAt(query.timestamp())));
		return new Received(app, push, format, encrypted, previousKey, query.nonce(), message.toUserName());
	}

	/**
	 * The HTTP answer for a recorded push: {@code success}, or the transfer reply in the
	 * push's format.
	 */
	Answer answer(Received received, boolean transferred) {
		if (!transferred) {
			return new Answer(SUCCESS, "text/plain;charset=UTF-8");
		}
		long now = this.clock.instant().getEpochSecond();
		String transfer = this.codec.transferReply(received.format(), received.push().openId(), received.toUserName(),
				now);
		String body = received.encrypted() ? this.codec.encryptedReply(received.format(), cipher(received.app()),
				received.app().token(), transfer, now, received.nonce(), this.random, received.previousKey())
				: transfer;
		return new Answer(body, (received.format() == PushFormat.JSON) ? "application/json;charset=UTF-8"
				: "application/xml;charset=UTF-8");
	}

	private App app(String appId) throws PushRejectedException {
		return this.apps.find(appId)
			.orElseThrow(() -> new PushRejectedException(Reason.UNKNOWN_APP, "no app " + appId));
	}

	private boolean transfers(App app, PushMessage message) {
		TransferDecision decision = this.transferDecision.get();
		return decision != null
				&& decision.transfers(app.appId(), message.fromUserName(), message.msgType(), content(message));
	}

	private void checkClock(String timestamp) throws PushRejectedException {
		PushSignature.checkTimestamp(timestamp, this.clock.instant(), this.properties.maxClockSkew());
	}

	/**
	 * Whether signatures are remembered against replays: only within the clock check's
	 * window. With the check off ({@code 0}) a timestamp never expires, and no window
	 * bounds what would have to be remembered; such a set-up (replaying recorded traffic,
	 * fixed test vectors) wants old signatures to pass anyway.
	 */
	private boolean replaysRefused() {
		return !this.properties.maxClockSkew().isZero();
	}

	/**
	 * Until when a checked timestamp's signature must be remembered: until the clock
	 * check refuses it.
	 */
	private long expiresAt(String checkedTimestamp) {
		long now = this.clock.millis();
		return Math.max(now, Long.parseLong(checkedTimestamp) * 1000 + this.properties.maxClockSkew().toMillis());
	}

	private static void checkShape(PushMessage message) throws PushRejectedException {
		if (isBlank(message.fromUserName()) || message.fromUserName().length() > 128) {
			throw new PushRejectedException(Reason.MALFORMED_BODY, "FromUserName missing or too long");
		}
		if (isBlank(message.msgType()) || message.msgType().length() > 64) {
			throw new PushRejectedException(Reason.MALFORMED_BODY, "MsgType missing or too long");
		}
		if (message.event() != null && message.event().length() > 64) {
			throw new PushRejectedException(Reason.MALFORMED_BODY, "Event too long");
		}
		if ("event".equals(message.msgType()) && isBlank(message.event())) {
			throw new PushRejectedException(Reason.MALFORMED_BODY, "event push without Event");
		}
	}

	private static String content(PushMessage message) {
		return switch (message.msgType()) {
			case "text" -> message.content();
			case "image" -> message.picUrl();
			case "miniprogrampage" -> message.title();
			default -> null;
		};
	}

	static String dedupeKey(App app, PushMessage message) {
		String key = (message.msgId() != null && !message.msgId().isEmpty()) ? app.appId() + "|" + message.msgId()
				: app.appId() + "|" + message.fromUserName() + "|" + message.createTime() + "|"
						+ Objects.toString(message.event(), "");
		return (key.length() <= 255) ? key : app.appId() + "|sha256:" + sha256(key);
	}

	private PushCipher cipher(App app) {
		KeyedCipher cached = this.ciphers.get(app.appId());
		if (cached == null || !cached.isFor(app)) {
			cached = new KeyedCipher(app.encodingAesKey(), app.previousEncodingAesKey(),
					new PushCipher(app.appId(), app.encodingAesKey(), app.previousEncodingAesKey()));
			this.ciphers.put(app.appId(), cached);
		}
		return cached.cipher();
	}

	private static void require(String value, String name) throws PushRejectedException {
		if (isBlank(value)) {
			throw new PushRejectedException(Reason.MISSING_PARAMETER, "missing " + name);
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static String truncate(String value) {
		return (value == null || value.length() <= MAX_CONTENT) ? value : value.substring(0, MAX_CONTENT);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The query parameters WeChat adds to a POST. */
	record PushQuery(String signature, String timestamp, String nonce, String encryptType, String msgSignature) {

		boolean encrypted() {
			return "aes".equalsIgnoreCase(this.encryptType);
		}

	}

	/** A push that passed every check, with what is needed to answer it. */
	record Received(App app, AcceptedPush push, PushFormat format, boolean encrypted, boolean previousKey, String nonce,
			String toUserName) {
	}

	record Answer(String body, String contentType) {
	}

	/** A URL check that passed: what to echo, and the signature to remember. */
	record UrlCheck(String echostr, ReplayKey key) {
	}

	private record KeyedCipher(String key, String previousKey, PushCipher cipher) {

		boolean isFor(App app) {
			return Objects.equals(this.key, app.encodingAesKey())
					&& Objects.equals(this.previousKey, app.previousEncodingAesKey());
		}

	}

}
