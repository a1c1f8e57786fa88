package dev.kefu.wechat.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.kefu.cluster.LeaseReleases;
import dev.kefu.cluster.LeasedFetch;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The access token of each app, shared by every caller in every instance.
 * <ul>
 * <li>A token is used until shortly before it expires, from a local copy first and the
 * shared {@link TokenStore} second.</li>
 * <li>One refresh per app at a time across all instances ({@link LeasedFetch}): the other
 * callers in this instance wait for its result, and an instance that finds the store's
 * lease taken waits until it is given back, then reads the token the other instance
 * stored.</li>
 * <li>{@link #expire} forgets a token only if it is still the one WeChat rejected, so a
 * late rejection never throws away a token another caller has just fetched.</li>
 * </ul>
 * Thread-safe. Blocks the calling thread during a refresh, so it is meant for worker
 * threads, never a request thread.
 */
final class AccessTokens {

	private static final Logger logger = LoggerFactory.getLogger(AccessTokens.class);

	private final WeChatHttp http;

	private final TokenStore store;

	private final WeChatProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Map<String, StoredToken> local = new ConcurrentHashMap<>();

	private final LeasedFetch<ApiResult<String>> refreshes;

	AccessTokens(WeChatHttp http, TokenStore store, WeChatProperties properties, LeaseReleases releases, Clock clock,
			MeterRegistry meters) {
		this.http = http;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		// Long enough for one fetch to time out, so a live refresher never loses its
		// lease.
		Duration leaseTtl = properties.connectTimeout().plus(properties.readTimeout()).plusSeconds(1);
		this.refreshes = new LeasedFetch<>("wechat-token", leaseTtl, leaseTtl.multipliedBy(2), releases, clock,
				(failure, appId) -> ApiResult.failed(ApiError.transientFailure(switch (failure) {
					case LEASE_HELD -> "another instance holds the token refresh lease";
					case INTERRUPTED -> "interrupted";
				})));
	}

	/**
	 * The app's current access token, fetched from WeChat only if no instance has a fresh
	 * one.
	 */
	ApiResult<String> token(AppCredentials app) {
		StoredToken cached = this.local.get(app.appId());
		if (cached != null && cached.fresh(this.clock.instant())) {
			return ApiResult.ok(cached.value());
		}
		return this.refreshes.get(app.appId(), new TokenSlot(app));
	}

	/**
	 * Compare-and-expire: forgets the app's token here and in the store if it is still
	 * {@code rejected}.
	 */
	void expire(AppCredentials app, String rejected) {
		String appId = app.appId();
		this.local.computeIfPresent(appId, (id, token) -> token.value().equals(rejected) ? null : token);
		this.store.expire(appId, TokenSeal.seal(app, rejected));
		// a token stored before tokens were sealed
		this.store.expire(appId, rejected);
		// the next caller must not wait for a refresh in progress that may have read the
		// rejected token
		this.refreshes.forget(appId);
	}

	/** The tokens this instance holds, by app id, for health and diagnostics. */
	Map<String, StoredToken> held() {
		return new LinkedHashMap<>(this.local);
	}

	/** An app's token in the {@link TokenStore}, for {@link LeasedFetch}. */
	private final class TokenSlot implements LeasedFetch.Slot<ApiResult<String>> {

		private final AppCredentials app;

		TokenSlot(AppCredentials app) {
			this.app = app;
		}

		/** The store's token, opened ({@link TokenSeal}), if it is fresh and opens. */
		@Override
		public Optional<ApiResult<String>> find() {
			String appId = this.app.appId();
			Optional<StoredToken> stored = AccessTokens.this.store.find(appId)
				.filter((token) -> token.fresh(AccessTokens.this.clock.instant()))
				.flatMap((token) -> TokenSeal.open(this.app, token.value())
					.map((value) -> new StoredToken(value, token.refreshAt(), token.expiresAt())));
			stored.ifPresent((token) -> AccessTokens.this.local.put(appId, token));
			return stored.map((token) -> ApiResult.ok(token.value()));
		}

		@Override
		public boolean tryLease(String owner, Instant now, Duration ttl) {
			return AccessTokens.this.store.tryLease(this.app.appId(), owner, now, ttl);
		}

		@Override
		public ApiResult<String> fetch(String owner) {
			String appId = this.app.appId();
			ApiResult<StoredToken> fetched = AccessTokens.this.fetch(this.app);
			AccessTokens.this.meters
				.counter("kefu.wechat.token.refreshes", "app", appId, "outcome",
						fetched.isOk() ? "success" : fetched.error().kind().name())
				.increment();
			if (!fetched.isOk()) {
				logger.warn("Fetching an access token for app {} failed: {} {} {}", appId, fetched.error().kind(),
						fetched.error().errcodeTag(), fetched.error().errmsg());
				return fetched.map(StoredToken::value);
			}
			StoredToken token = fetched.value();
			AccessTokens.this.store.save(appId, owner,
					new StoredToken(TokenSeal.seal(this.app, token.value()), token.refreshAt(), token.expiresAt()));
			AccessTokens.this.local.put(appId, token);
			logger.info("Fetched a new access token for app {}, valid until {}", appId, token.expiresAt());
			return ApiResult.ok(token.value());
		}

		@Override
		public void release(String owner) {
			AccessTokens.this.store.release(this.app.appId(), owner);
		}

	}

	private ApiResult<StoredToken> fetch(AppCredentials app) {
		ApiResult<JsonNode> answer = switch (this.properties.tokenEndpoint(app.appId())) {
			case STABLE -> this.http.postJson(app, "/cgi-bin/stable_token", Map.of(), stableTokenRequest(app));
			case CLASSIC -> this.http.get(app, "/cgi-bin/token",
					Map.of("grant_type", "client_credential", "appid", app.appId(), "secret", app.secret()));
		};
		if (!answer.isOk()) {
			return ApiResult.failed(answer.error());
		}
		JsonNode body = answer.value();
		int errcode = body.path("errcode").asInt(0);
		String token = body.path("access_token").asString("");
		if (errcode != 0 || token.isEmpty()) {
			// At the token endpoint even 40001 means a wrong AppSecret: refreshing cannot
			// help.
			ApiError error = ApiError.of(errcode, body.path("errmsg").asString(""));
			return ApiResult.failed((error.kind() == ApiError.Kind.TRANSIENT) ? error
					: new ApiError(ApiError.Kind.PERMANENT, errcode, error.errmsg()));
		}
		return ApiResult.ok(StoredToken.issued(token, this.clock.instant(), body.path("expires_in").asLong(7200)));
	}

	private static Map<String, Object> stableTokenRequest(AppCredentials app) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("grant_type", "client_credential");
		request.put("appid", app.appId());
		request.put("secret", app.secret());
		request.put("force_refresh", false);
		return request;
	}

}
