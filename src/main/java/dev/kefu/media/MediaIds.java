package dev.kefu.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.kefu.media.TempMediaStore.Uploaded;
import dev.kefu.wechat.api.ApiError;
import dev.kefu.wechat.api.ApiResult;
import dev.kefu.wechat.api.AppCredentials;
import dev.kefu.wechat.api.TempMedia;
import dev.kefu.wechat.api.WeChatApi;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The WeChat media_id of each asset: uploaded with uploadTempMedia on first use, reused while
 * it lives (WeChat keeps temporary media three days), uploaded again some hours before it
 * expires and whenever WeChat rejects it (40007).
 * <p>
 * Concurrent requests for one asset cause one upload: one thread per asset in this instance
 * uploads while the others wait, and it first takes the asset's lease in the database, so
 * other instances wait for its result instead of uploading too.
 * <p>
 * Thread-safe. Calls may block for an upload: use them from worker threads, outside
 * transactions.
 */
@Service
public class MediaIds {

	private static final Logger logger = LoggerFactory.getLogger(MediaIds.class);

	/** How long WeChat keeps temporary media. */
	static final Duration LIFETIME = Duration.ofDays(3);

	/** How long before expiry a media_id is replaced by a new upload. */
	static final Duration RENEW_BEFORE = Duration.ofHours(6);

	/** Longer than an upload of the largest asset takes, so a live uploader keeps its lease. */
	private static final Duration LEASE_TTL = Duration.ofSeconds(30);

	private static final Duration WAIT_STEP = Duration.ofMillis(25);

	private final Assets assets;

	private final WeChatApi api;

	private final TempMediaStore store;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Map<String, Uploaded> local = new ConcurrentHashMap<>();

	private final Map<String, ReentrantLock> uploadLocks = new ConcurrentHashMap<>();

	MediaIds(Assets assets, WeChatApi api, TempMediaStore store, Clock clock, MeterRegistry meters) {
		this.assets = assets;
		this.api = api;
		this.store = store;
		this.clock = clock;
		this.meters = meters;
	}

	/** The asset's media_id if one is known and not due for renewal; never uploads. */
	public Optional<String> cached(String assetId) {
		Uploaded uploaded = this.local.get(assetId);
		if (uploaded == null) {
			uploaded = this.store.find(assetId).orElse(null);
		}
		return Optional.ofNullable(uploaded).filter(this::usable).map(Uploaded::mediaId);
	}

	/** The asset's live media_id, uploading the asset if it has none or it is about to expire. */
	public ApiResult<String> mediaId(AppCredentials app, String assetId) {
		Uploaded cached = this.local.get(assetId);
		if (cached != null && usable(cached)) {
			return ApiResult.ok(cached.mediaId());
		}
		ReentrantLock lock = this.uploadLocks.computeIfAbsent(assetId, (id) -> new ReentrantLock());
		lock.lock();
		try {
			return resolve(app, assetId);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * A new media_id after WeChat rejected {@code rejectedMediaId} (40007): the rejected one is
	 * forgotten unless another caller already replaced it, then the asset is uploaded again.
	 */
	public ApiResult<String> renew(AppCredentials app, String assetId, String rejectedMediaId) {
		this.local.computeIfPresent(assetId,
				(id, uploaded) -> uploaded.mediaId().equals(rejectedMediaId) ? null : uploaded);
		this.store.expire(assetId, rejectedMediaId);
		return mediaId(app, assetId);
	}

	private ApiResult<String> resolve(AppCredentials app, String assetId) {
		Instant giveUpAt = this.clock.instant().plus(LEASE_TTL.multipliedBy(2));
		while (true) {
			Optional<String> shared = usableInStore(assetId);
			if (shared.isPresent()) {
				return ApiResult.ok(shared.get());
			}
			String owner = UUID.randomUUID().toString();
			if (this.store.tryLease(app.appId(), assetId, owner, this.clock.instant(), LEASE_TTL)) {
				return uploadHoldingLease(app, assetId, owner);
			}
			if (!this.clock.instant().isBefore(giveUpAt) || !pause()) {
				return ApiResult.failed(new ApiError(ApiError.Kind.TRANSIENT, null,
						"another instance is uploading asset " + assetId));
			}
		}
	}

	private Optional<String> usableInStore(String assetId) {
		Optional<Uploaded> stored = this.store.find(assetId).filter(this::usable);
		stored.ifPresent((uploaded) -> this.local.put(assetId, uploaded));
		return stored.map(Uploaded::mediaId);
	}

	private ApiResult<String> uploadHoldingLease(AppCredentials app, String assetId, String owner) {
		boolean saved = false;
		try {
			// Another instance may have uploaded between our read and the lease.
			Optional<String> shared = usableInStore(assetId);
			if (shared.isPresent()) {
				return ApiResult.ok(shared.get());
			}
			Optional<Asset> asset = this.assets.find(app.appId(), assetId);
			if (asset.isEmpty()) {
				return ApiResult.failed(new ApiError(ApiError.Kind.PERMANENT, null,
						"asset " + assetId + " does not exist for app " + app.appId()));
			}
			Instant uploadedAt = this.clock.instant();
			ApiResult<TempMedia> upload = this.api.uploadTempMedia(app, asset.get().fileName(),
					asset.get().contentType(), this.assets.content(app.appId(), assetId));
			this.meters.counter("kefu.media.uploads", "outcome", upload.isOk() ? "OK" : upload.error().kind().name())
				.increment();
			if (!upload.isOk()) {
				logger.warn("Uploading asset {} of app {} failed: {} {} {}", assetId, app.appId(),
						upload.error().kind(), upload.error().errcodeTag(), upload.error().errmsg());
				return upload.map(TempMedia::mediaId);
			}
			Uploaded uploaded = new Uploaded(upload.value().mediaId(), uploadedAt.plus(LIFETIME));
			this.store.save(assetId, owner, uploaded.mediaId(), uploadedAt, uploaded.expiresAt());
			saved = true;
			this.local.put(assetId, uploaded);
			return ApiResult.ok(uploaded.mediaId());
		}
		finally {
			if (!saved) {
				this.store.release(assetId, owner);
			}
		}
	}

	private boolean usable(Uploaded uploaded) {
		return this.clock.instant().isBefore(uploaded.expiresAt().minus(RENEW_BEFORE));
	}

	private static boolean pause() {
		try {
			Thread.sleep(WAIT_STEP.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
