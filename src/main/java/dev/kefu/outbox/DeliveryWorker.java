package dev.kefu.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.kefu.TransientDatabaseErrors;
import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.outbox.DeliveryStore.Outcome;
import dev.kefu.outbox.DeliveryStore.Row;
import dev.kefu.wechat.api.ApiError;
import dev.kefu.wechat.api.ApiResult;
import dev.kefu.wechat.api.AppCredentials;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sends the unsent parts of one message, in order. A part that must wait (a retry later)
 * holds back the parts after it until then. What WeChat answers decides each part's fate:
 * <ul>
 * <li>TRANSIENT (and TOKEN_INVALID once the client's own refresh and retry failed):
 * RETRYING with backoff, FAILED after the last attempt, EXPIRED if the next try would
 * fall after the user's window;</li>
 * <li>WINDOW_CLOSED, QUOTA: EXPIRED, and so are the message's remaining parts;</li>
 * <li>MEDIA_INVALID: the image is uploaded again and sent once more (see
 * {@link ReplySender});</li>
 * <li>PERMANENT: FAILED, a dead letter; the next part is still sent.</li>
 * </ul>
 * Each attempt is claimed in the database first (the first attempt of a freshly planned
 * part was claimed when it was inserted), which leases the part for
 * {@link OutboxProperties#lease()}, so two instances never send one part at the same
 * time; its outcome is committed right after WeChat answers. A crash between WeChat
 * accepting a send and that commit is the narrow window in which a part is sent again
 * (after the lease, by a sweep). The lease outlasts any attempt: each of an attempt's few
 * calls to WeChat ends within the connect and read timeouts.
 */
@Component
class DeliveryWorker {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryWorker.class);

	/** Tries to record an outcome: 100 ms, 200 ms, ... 3.2 s apart. */
	private static final int RECORD_ATTEMPTS = 7;

	private final DeliveryStore deliveries;

	private final Apps apps;

	private final ReplySender sender;

	private final Backoff backoff;

	private final OutboxProperties properties;

	private final Clock clock;

	private final TransferWaits transferWaits;

	private final Timer pushToSend;

	private final Map<DeliveryStatus, Counter> finished = new EnumMap<>(DeliveryStatus.class);

	private final Counter retries;

	DeliveryWorker(DeliveryStore deliveries, Apps apps, ReplySender sender, Backoff backoff,
			OutboxProperties properties, Clock clock, TransferWaits transferWaits, MeterRegistry meters) {
		this.transferWaits = transferWaits;
		this.deliveries = deliveries;
		this.apps = apps;
		this.sender = sender;
		this.backoff = backoff;
		this.properties = properties;
		this.clock = clock;
		this.pushToSend = Timer.builder("kefu.outbox.push.to.send")
			.description("From a user's push arriving to WeChat accepting a reply to it")
			.publishPercentileHistogram()
			.register(meters);
		for (DeliveryStatus status : DeliveryStatus.values()) {
			this.finished.put(status, meters.counter("kefu.outbox.deliveries", "status", status.name()));
		}
		this.retries = meters.counter("kefu.outbox.retries");
	}

	/**
	 * Sends these unsent parts of one message, in order, as far as they are due.
	 * @param stopping whether to stop before the next part (shutdown)
	 * @return when to come back, or {@code null} when none is left
	 */
	Instant send(List<Row> parts, BooleanSupplier stopping) {
		for (int i = 0; i < parts.size(); i++) {
			Row row = parts.get(i);
			Delivery part = row.delivery();
			Instant now = this.clock.instant();
			if (stopping.getAsBoolean()) {
				return now;
			}
			if (part.nextAttemptAt() != null && part.nextAttemptAt().isAfter(now)) {
				return part.nextAttemptAt();
			}
			if (!now.isBefore(part.deadlineAt())) {
				finish(part, new Outcome(DeliveryStatus.EXPIRED, null, "the user's sending window closed", null));
				continue;
			}
			if (!row.claimed()) {
				if (!this.deliveries.claim(part, now, now.plus(this.properties.lease()))) {
					// Another attempt holds this part; look again once it must have
					// finished.
					logger.debug("Delivery {} is held by another attempt", part.id());
					return now.plus(this.properties.lease());
				}
				part = attempted(part);
			}
			ApiResult<Void> sent = send(row);
			Outcome outcome = outcome(part, sent);
			finish(part, outcome);
			switch (outcome.status()) {
				case RETRYING:
					// The parts after it wait too, so the sweep does not take them for
					// abandoned.
					this.deliveries.holdBehind(part, outcome.nextAttemptAt());
					return outcome.nextAttemptAt();
				case EXPIRED:
					expireRest(parts.subList(i + 1, parts.size()), sent.error());
					return null;
				default:
					break;
			}
		}
		return null;
	}

	private ApiResult<Void> send(Row row) {
		Delivery part = row.delivery();
		Optional<App> app = this.apps.find(part.appId());
		if (app.isEmpty()) {
			return ApiResult
				.failed(new ApiError(ApiError.Kind.PERMANENT, null, "kefu does not serve app " + part.appId()));
		}
		AppCredentials credentials = new AppCredentials(app.get().appId(), app.get().secret(), app.get().sandbox());
		return this.sender.send(credentials, part, row.replyJson());
	}

	private Outcome outcome(Delivery part, ApiResult<Void> sent) {
		if (sent.isOk()) {
			return new Outcome(DeliveryStatus.SENT, null, null, null);
		}
		ApiError error = sent.error();
		int attempts = part.attempts();
		return switch (error.kind()) {
			case TRANSIENT, TOKEN_INVALID -> retryOrGiveUp(part, attempts, error);
			case WINDOW_CLOSED, QUOTA -> new Outcome(DeliveryStatus.EXPIRED, error.errcode(), error.errmsg(), null);
			case MEDIA_INVALID, PERMANENT -> new Outcome(DeliveryStatus.FAILED, error.errcode(), error.errmsg(), null);
		};
	}

	private Outcome retryOrGiveUp(Delivery part, int attempts, ApiError error) {
		if (attempts >= this.properties.maxAttempts()) {
			return new Outcome(DeliveryStatus.FAILED, error.errcode(), error.errmsg(), null);
		}
		Duration delay = this.backoff.after(attempts);
		Instant next = this.clock.instant().plus(delay);
		if (!next.isBefore(part.deadlineAt())) {
			return new Outcome(DeliveryStatus.EXPIRED, error.errcode(),
					"the user's sending window closes before the next try; last: " + error.errmsg(), null);
		}
		this.retries.increment();
		return new Outcome(DeliveryStatus.RETRYING, error.errcode(), error.errmsg(), next);
	}

	/**
	 * Records an outcome, retrying while the database has a transient problem: a SENT
	 * part whose outcome is lost would be sent again once its lease runs out. Up to about
	 * 6 s in all, well inside the lease; past that the lease decides.
	 */
	private void record(Delivery part, Outcome outcome, Instant now) {
		for (int attempt = 1;; attempt++) {
			try {
				this.deliveries.finish(part.id(), outcome, now);
				return;
			}
			catch (RuntimeException ex) {
				if (attempt >= RECORD_ATTEMPTS || !TransientDatabaseErrors.isTransient(ex)) {
					throw ex;
				}
				logger.debug("Retrying the outcome of delivery {}: {}", part.id(), ex.toString());
				try {
					// a sender thread, never a request thread, waits here
					Thread.sleep(50L << attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/** The part as its claim left it: one attempt more. */
	private static Delivery attempted(Delivery d) {
		return new Delivery(d.id(), d.appId(), d.openId(), d.messageId(), d.partIndex(), d.ruleId(), d.type(),
				d.status(), d.attempts() + 1, d.lastErrcode(), d.lastErrmsg(), d.receivedAt(), d.deadlineAt(),
				d.nextAttemptAt(), d.createdAt(), d.updatedAt(), d.sentAt());
	}

	private void expireRest(List<Row> rest, ApiError cause) {
		for (Row row : rest) {
			finish(row.delivery(), new Outcome(DeliveryStatus.EXPIRED, cause.errcode(),
					"an earlier part of this reply got: " + cause.errmsg(), null));
		}
	}

	private void finish(Delivery part, Outcome outcome) {
		Instant now = this.clock.instant();
		record(part, outcome, now);
		this.transferWaits.settled(part, outcome.status());
		if (outcome.status() == DeliveryStatus.RETRYING) {
			logger.debug("Delivery {} to {} will be retried at {}: {} {}", part.id(), part.openId(),
					outcome.nextAttemptAt(), outcome.errcode(), outcome.errmsg());
			return;
		}
		this.finished.get(outcome.status()).increment();
		switch (outcome.status()) {
			case SENT -> this.pushToSend.record(Duration.between(part.receivedAt(), now));
			case FAILED -> logger.warn("Delivery {} of app {} failed: {} {}", part.id(), part.appId(),
					outcome.errcode(), outcome.errmsg());
			default -> logger.info("Delivery {} of app {} is {}: {} {}", part.id(), part.appId(), outcome.status(),
					outcome.errcode(), outcome.errmsg());
		}
	}

}
