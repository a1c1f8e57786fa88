package dev.kefu.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.kefu.cluster.LeaseReleases;
import dev.kefu.cluster.LeasedFetch;
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
 * The WeChat media_id of each asset: uploaded with uploadTempMedia on first use, reused
 * while it lives (WeChat keeps temporary media three days), uploaded again some hours
 * before it expires and whenever WeChat rejects it (40007).
 * <p>
 * Concurrent requests for one asset cause one upload ({@link LeasedFetch}): one thread
 * per asset in this instance uploads while the others wait for its result, and it first
 * takes the asset's lease in the database, so other instances wait until it is given back
 * and then read the media_id it stored instead of uploading too.
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

	/**
	 * Longer than an upload of the largest asset takes, so a live uploader keeps its
	 * lease.
	 */
	private static final Duration LEASE_TTL = Duration.ofSeconds(30);

	private final Assets assets;

	private final WeChatApi api;

	private final TempMediaStore store;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Map<String, Uploaded> local = new ConcurrentHashMap<>();

	private final LeasedFetch<ApiResult<String>> uploads;

	MediaIds(Assets assets, WeChatApi api, TempMediaStore store, LeaseReleases releases, Clock clock,
			MeterRegistry meters) {
		this.assets = assets;
		this.api = api;
		this.store = store;
		this.clock = clock;
		this.meters = meters;
		this.uploads = new LeasedFetch<>("media-upload", LEASE_TTL, LEASE_TTL.multipliedBy(2), releases, clock,
				(failure, assetId) -> ApiResult.failed(new ApiError(ApiError.Kind.TRANSIENT, null, switch (failure) {
					case LEASE_HELD -> "another instance is uploading asset " + assetId;
					case INTERRUPTED -> "interrupted";
				})));
	}

	/** The asset's media_id if one is known and not due for renewal; never uploads. */
	public Optional<String> cached(String assetId) {
		Uploaded uploaded = this.local.get(assetId);
		if (uploaded == null) {
			uploaded = this.store.find(assetId).orElse(null);
		}
		return Optional.ofNullable(uploaded).filter(this::usable).map(Uploaded::mediaId);
	}

	/**
	 * The asset's live media_id, uploading the asset if it has none or it is about to
	 * expire.
	 */
	public ApiResult<String> mediaId(AppCredentials app, String assetId) {
		Uploaded cached = this.local.get(assetId);
		if (cached != null && usable(cached)) {
			return ApiResult.ok(cached.mediaId());
		}
		return this.uploads.get(assetId, new MediaSlot(app, assetId));
	}

	/**
	 * A new media_id after WeChat rejected {@code rejectedMediaId} (40007): the rejected
	 * one is forgotten unless another caller already replaced it, then the asset is
	 * uploaded again.
	 */
	public ApiResult<String> renew(AppCredentials app, String assetId, String rejectedMediaId) {
		this.local.computeIfPresent(assetId,
				(id, uploaded) -> uploaded.mediaId().equals(rejectedMediaId) ? null : uploaded);
		this.store.expire(assetId, rejectedMediaId);
		// not the upload in progress, which may have read the rejected media_id
		this.uploads.forget(assetId);
		return mediaId(app, assetId);
	}

	/** An asset's row in {@link TempMediaStore}, for {@link LeasedFetch}. */
	private final class MediaSlot implements LeasedFetch.Slot<ApiResult<String>> {

		private final AppCredentials app;

		private final String assetId;

		MediaSlot(AppCredentials app, String assetId) {
			this.app = app;
			this.assetId = assetId;
		}

		@Override
		public Optional<ApiResult<String>> find() {
			Optional<Uploaded> stored = MediaIds.this.store.find(this.assetId).filter(MediaIds.this::usable);
			stored.ifPresent((uploaded) -> MediaIds.this.local.put(this.assetId, uploaded));
			return stored.map((uploaded) -> ApiResult.ok(uploaded.mediaId()));
		}

		@Override
		public boolean tryLease(String owner, Instant now, Duration ttl) {
			return MediaIds.this.store.tryLease(this.app.appId(), this.assetId, owner, now, ttl);
		}

		@Override
		public ApiResult<String> fetch(String owner) {
			String appId = this.app.appId();
			Optional<Asset> asset = MediaIds.this.assets.find(appId, this.assetId);
			if (asset.isEmpty()) {
				return ApiResult.failed(new ApiError(ApiError.Kind.PERMANENT, null,
						"asset " + this.assetId + " does not exist for app " + appId));
			}
			Instant uploadedAt = MediaIds.this.clock.instant();
			ApiResult<TempMedia> upload = MediaIds.this.api.uploadTempMedia(this.app, asset.get().fileName(),
					asset.get().contentType(), MediaIds.this.assets.content(appId, this.assetId));
			MediaIds.this.meters
				.counter("kefu.media.uploads", "outcome", upload.isOk() ? "OK" : upload.error().kind().name())
				.increment();
			if (!upload.isOk()) {
				logger.warn("Uploading asset {} of app {} failed: {} {} {}", this.assetId, appId, upload.error().kind(),
						upload.error().errcodeTag(), upload.error().errmsg());
				return upload.map(TempMedia::mediaId);
			}
			Uploaded uploaded = new Uploaded(upload.value().mediaId(), uploadedAt.plus(LIFETIME));
			MediaIds.this.store.save(this.assetId, owner, uploaded.mediaId(), uploadedAt, uploaded.expiresAt());
			MediaIds.this.local.put(this.assetId, uploaded);
			return ApiResult.ok(uploaded.mediaId());
		}

		@Override
		public void release(String owner) {
			MediaIds.this.store.release(this.assetId, owner);
		}

	}

	private boolean usable(Uploaded uploaded) {
		return this.clock.instant().isBefore(uploaded.expiresAt().minus(RENEW_BEFORE));
	}

}
