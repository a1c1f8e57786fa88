package dev.kefu.wechat.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The access token of each app, shared by every caller in every instance.
 * <ul>
 * <li>A token is used until shortly before it expires, from a local copy first and the shared
 * {@link TokenStore} second.</li>
 * <li>One thread per app in this instance refreshes (the others wait for its result), and it
 * first takes the store's lease, so one instance at a time calls WeChat; an instance that
 * finds the lease taken waits for the token to appear in the store.</li>
 * <li>{@link #expire} forgets a token only if it is still the one WeChat rejected, so a late
 * rejection never throws away a token another caller has just fetched.</li>
 * </ul>
 * Thread-safe. Blocks the calling thread during a refresh, so it is meant for worker
 * threads, never a request thread.
 */
final class AccessTokens {

	private static final Logger logger = LoggerFactory.getLogger(AccessTokens.class);

	private static final Duration WAIT_STEP = Duration.ofMillis(25);

	private final WeChatHttp http;

	private final TokenStore store;

	private final WeChatProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Duration leaseTtl;

	private final Map<String, StoredToken> local = new ConcurrentHashMap<>();

	private final Map<String, ReentrantLock> refreshLocks = new ConcurrentHashMap<>();

	AccessTokens(WeChatHttp http, TokenStore store, WeChatProperties properties, Clock clock, MeterRegistry meters) {
		this.http = http;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		// Long enough for one fetch to time out, so a live refresher never loses its lease.
		this.leaseTtl = properties.connectTimeout().plus(properties.readTimeout()).plusSeconds(1);
	}

	/** The app's current access token, fetched from WeChat only if no instance has a fresh one. */
	ApiResult<String> token(AppCredentials app) {
		StoredToken cached = this.local.get(app.appId());
		if (cached != null && cached.fresh(this.clock.instant())) {
			return ApiResult.ok(cached.value());
		}
		ReentrantLock lock = this.refreshLocks.computeIfAbsent(app.appId(), (id) -> new ReentrantLock());
		lock.lock();
		try {
			return refresh(app);
		}
		finally {
			lock.unlock();
		}
	}

	/** Compare-and-expire: forgets the app's token here and in the store if it is still {@code rejected}. */
	void expire(AppCredentials app, String rejected) {
		String appId = app.appId();
		this.local.computeIfPresent(appId, (id, token) -> token.value().equals(rejected) ? null : token);
		this.store.expire(appId, TokenSeal.seal(app, rejected));
		// a token stored before tokens were sealed
		this.store.expire(appId, rejected);
	}

	/** The tokens this instance holds, by app id, for health and diagnostics. */
	Map<String, StoredToken> held() {
		return new LinkedHashMap<>(this.local);
	}

	private ApiResult<String> refresh(AppCredentials app) {
		String appId = app.appId();
		Instant giveUpAt = this.clock.instant().plus(this.leaseTtl.multipliedBy(2));
		while (true) {
			Optional<StoredToken> shared = freshInStore(app);
			if (shared.isPresent()) {
				return ApiResult.ok(shared.get().value());
			}
			String owner = UUID.randomUUID().toString();
			if (this.store.tryLease(appId, owner, this.clock.instant(), this.leaseTtl)) {
				return fetchHoldingLease(app, owner);
			}
			if (!this.clock.instant().isBefore(giveUpAt)) {
				return ApiResult.failed(ApiError.transientFailure("another instance holds the token refresh lease"));
			}
			if (!pause()) {
				return ApiResult.failed(ApiError.transientFailure("interrupted"));
			}
		}
	}

	/** The store's token, opened ({@link TokenSeal}), if it is fresh and opens. */
	private Optional<StoredToken> freshInStore(AppCredentials app) {
		String appId = app.appId();
		Optional<StoredToken> stored = this.store.find(appId)
			.filter((token) -> token.fresh(this.clock.instant()))
			.flatMap((token) -> TokenSeal.open(app, token.value())
				.map((value) -> new StoredToken(value, token.refreshAt(), token.expiresAt())));
		stored.ifPresent((token) -> this.local.put(appId, token));
		return stored;
	}

	private ApiResult<String> fetchHoldingLease(AppCredentials app, String owner) {
		String appId = app.appId();
		boolean saved = false;
		try {
			// Another instance may have stored a token between our read and the lease.
			Optional<StoredToken> shared = freshInStore(app);
			if (shared.isPresent()) {
				return ApiResult.ok(shared.get().value());
			}
			ApiResult<StoredToken> fetched = fetch(app);
			this.meters.counter("kefu.wechat.token.refreshes", "app", appId, "outcome",
					fetched.isOk() ? "success" : fetched.error().kind().name()).increment();
			if (!fetched.isOk()) {
				logger.warn("Fetching an access token for app {} failed: {} {} {}", appId, fetched.error().kind(),
						fetched.error().errcodeTag(), fetched.error().errmsg());
				return fetched.map(StoredToken::value);
			}
			StoredToken token = fetched.value();
			this.store.save(appId, owner,
					new StoredToken(TokenSeal.seal(app, token.value()), token.refreshAt(), token.expiresAt()));
			saved = true;
			this.local.put(appId, token);
			logger.info("Fetched a new access token for app {}, valid until {}", appId, token.expiresAt());
			return ApiResult.ok(token.value());
		}
		finally {
			if (!saved) {
				this.store.release(appId, owner);
			}
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
			// At the token endpoint even 40001 means a wrong AppSecret: refreshing cannot help.
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
