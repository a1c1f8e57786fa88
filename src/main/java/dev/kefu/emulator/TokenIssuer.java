package dev.kefu.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Access tokens as WeChat issues them (wechat-protocol.md §9).
 * <ul>
 * <li>{@code /cgi-bin/token}: every fetch issues a new token and invalidates the previous
 * one, which keeps working for 5 more minutes; valid 7200 s; 2000 fetches a day.</li>
 * <li>{@code /cgi-bin/stable_token}, normal mode: the same token while it has more than 5
 * minutes left, then a new one (the old one keeps working until it expires);
 * {@code force_refresh}: a new token at once and the old one invalid, at most 20 a day
 * and 30 s apart.</li>
 * <li>The two families are isolated: one never invalidates the other.</li>
 * <li>Using a token: unknown or replaced more than 5 minutes ago → 40001; expired →
 * 42001.</li>
 * </ul>
 */
@Component
class TokenIssuer {

	static final Duration LIFETIME = Duration.ofSeconds(7200);

	static final Duration OVERLAP = Duration.ofMinutes(5);

	private static final Duration FORCE_GAP = Duration.ofSeconds(30);

	private static final int DAILY_FETCHES = 2000;

	private static final int DAILY_FORCED = 20;

	/** Tokens past expiry are forgotten a day later; using one then answers 40001. */
	private static final Duration RETENTION = Duration.ofDays(1);

	private static final ZoneId WECHAT_DAY = ZoneId.of("Asia/Shanghai");

	enum Kind {

		CLASSIC, STABLE

	}

	/** A token handed out: its value and seconds to live. */
	record Grant(String accessToken, long expiresIn) {
	}

	private final EmulatorTime time;

	private final EmulatedApps apps;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Issued> byValue = new ConcurrentHashMap<>();

	private final Map<String, Family> families = new HashMap<>();

	TokenIssuer(EmulatorTime time, EmulatedApps apps) {
		this.time = time;
		this.apps = apps;
	}

	/** {@code /cgi-bin/token}: a new token; the previous one stays valid 5 minutes. */
	synchronized Grant fetch(String appId) {
		Instant now = this.time.now();
		Family family = family(appId, Kind.CLASSIC, now);
		if (++family.fetchesToday > DAILY_FETCHES) {
			throw new Refusal(WechatError.DAILY_QUOTA);
		}
		if (family.current != null) {
			family.current.supersede(now.plus(OVERLAP));
		}
		return grant(family.issue(appId, now), now);
	}

	/** {@code /cgi-bin/stable_token} in normal mode or with {@code force_refresh}. */
	synchronized Grant stable(String appId, boolean forceRefresh) {
		Instant now = this.time.now();
		Family family = family(appId, Kind.STABLE, now);
		Issued current = family.current;
		if (forceRefresh) {
			if (family.lastForced != null && now.isBefore(family.lastForced.plus(FORCE_GAP))) {
				throw new Refusal(WechatError.MINUTE_QUOTA);
			}
			if (++family.forcedToday > DAILY_FORCED) {
				throw new Refusal(WechatError.DAILY_QUOTA);
			}
			family.lastForced = now;
			if (current != null) {
				current.supersede(now);
			}
			return grant(family.issue(appId, now), now);
		}
		if (current != null && current.usableAt(now) && current.expiresAt.isAfter(now.plus(OVERLAP))) {
			return grant(current, now);
		}
		// Rotated 5 minutes early: the old token keeps working until its own expiry.
		if (current != null) {
			current.supersede(current.expiresAt);
		}
		return grant(family.issue(appId, now), now);
	}

	/**
	 * The app id a token belongs to.
	 * @throws Refusal 41001 when missing, 40001 when unknown or replaced, 42001 when
	 * expired
	 */
	String appOf(String accessToken) {
		if (accessToken == null || accessToken.isEmpty()) {
			throw new Refusal(WechatError.ACCESS_TOKEN_MISSING);
		}
		Issued issued = this.byValue.get(accessToken);
		if (issued == null || this.apps.find(issued.appId).isEmpty()) {
			throw new Refusal(WechatError.INVALID_CREDENTIAL);
		}
		Instant now = this.time.now();
		Instant until = issued.supersededUntil;
		if (until != null && !now.isBefore(until) && until.isBefore(issued.expiresAt)) {
			throw new Refusal(WechatError.INVALID_CREDENTIAL);
		}
		if (!now.isBefore(issued.expiresAt)) {
			throw new Refusal(WechatError.ACCESS_TOKEN_EXPIRED);
		}
		return issued.appId;
	}

	/** The fault control "expire tokens now": every token issued so far answers 42001. */
	synchronized void expireAll() {
		Instant now = this.time.now();
		this.byValue.values().forEach((issued) -> issued.expireBy(now));
	}

	/** Forgets an app's tokens, e.g. when the app is removed from the emulator. */
	synchronized void forget(String appId) {
		this.byValue.values().removeIf((issued) -> issued.appId.equals(appId));
		this.families.keySet().removeIf((key) -> key.startsWith(appId + "/"));
	}

	private Family family(String appId, Kind kind, Instant now) {
		Family family = this.families.computeIfAbsent(appId + "/" + kind, (key) -> new Family());
		LocalDate day = LocalDate.ofInstant(now, WECHAT_DAY);
		if (!day.equals(family.day)) {
			family.day = day;
			family.fetchesToday = 0;
			family.forcedToday = 0;
		}
		family.purge(now);
		return family;
	}

	private Grant grant(Issued issued, Instant now) {
		return new Grant(issued.value, Duration.between(now, issued.expiresAt).toSeconds());
	}

	private String newValue() {
		byte[] bytes = new byte[96];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private final class Family {

		private Issued current;

		private final Deque<Issued> issued = new ArrayDeque<>();

		private LocalDate day;

		private int fetchesToday;

		private int forcedToday;

		private Instant lastForced;

		Issued issue(String appId, Instant now) {
			Issued token = new Issued(newValue(), appId, now.plus(LIFETIME));
			this.current = token;
			this.issued.addLast(token);
			TokenIssuer.this.byValue.put(token.value, token);
			return token;
		}

		void purge(Instant now) {
			while (!this.issued.isEmpty() && this.issued.peekFirst().expiresAt.plus(RETENTION).isBefore(now)) {
				TokenIssuer.this.byValue.remove(this.issued.removeFirst().value);
			}
		}

	}

	private static final class Issued {

		private final String value;

		private final String appId;

		private volatile Instant expiresAt;

		/** Set once a newer token replaced this one: it works until then. */
		private volatile Instant supersededUntil;

		Issued(String value, String appId, Instant expiresAt) {
			this.value = value;
			this.appId = appId;
			this.expiresAt = expiresAt;
		}

		void supersede(Instant until) {
			if (this.supersededUntil == null || until.isBefore(this.supersededUntil)) {
				this.supersededUntil = until;
			}
		}

		void expireBy(Instant now) {
			if (now.isBefore(this.expiresAt)) {
				this.expiresAt = now;
			}
		}

		boolean usableAt(Instant now) {
			return now.isBefore(this.expiresAt) && (this.supersededUntil == null || now.isBefore(this.supersededUntil));
		}

	}

}
