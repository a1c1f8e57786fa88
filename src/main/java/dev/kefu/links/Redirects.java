package dev.kefu.links;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;

import dev.kefu.TimeOrderedIds;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * {@code GET /l/{code}}: the short URL of a tracked link. Open to anyone (it is what a
 * user taps), and safe by construction: it redirects (302) only to the target stored with
 * the code, never anywhere a request names. A code of the wrong shape or unknown answers
 * a plain 404 page (the database is not asked for a malformed one), an expired code a
 * "link expired" page (410), and when the database cannot be asked about a code this
 * instance has not cached, a "try again" page (503). The click is queued for
 * {@link ClickRecorder} and the redirect sent at once. A tracked mini program card's code
 * is not followed (404) but reported by the mini program: {@code POST /l/{code}/opened}.
 * The pages are in Chinese, or in English for a browser that asks for English first.
 */
@Controller
class Redirects {

	private static final Logger logger = LoggerFactory.getLogger(Redirects.class);

	private final LinkStore store;

	private final LinkCache cache;

	private final ClickRecorder recorder;

	private final MessageSource messages;

	private final MeterRegistry meters;

	private final Clock clock;

	/** When the last failed lookup was logged, epoch ms: at most one line a minute. */
	private final AtomicLong lastLogged = new AtomicLong();

	Redirects(LinkStore store, LinkCache cache, ClickRecorder recorder, MessageSource messages, MeterRegistry meters,
			Clock clock) {
		this.store = store;
		this.cache = cache;
		this.recorder = recorder;
		this.messages = messages;
		this.meters = meters;
		this.clock = clock;
	}

	@GetMapping(LinkAddresses.PATH + "{code}")
	ModelAndView follow(@PathVariable String code, HttpServletRequest request) {
		Locale locale = locale(request);
		if (!Codes.wellFormed(code)) {
			return page("missing", HttpStatus.NOT_FOUND, locale);
		}
		Optional<LinkCode> found;
		try {
			found = lookUp(code);
		}
		catch (DataAccessException ex) {
			failedLookUp(ex);
			return page("unavailable", HttpStatus.SERVICE_UNAVAILABLE, locale);
		}
		// a mini program card's code is reported, never followed
		if (found.isEmpty() || !Targets.web(found.get().target())) {
			return page("missing", HttpStatus.NOT_FOUND, locale);
		}
		LinkCode link = found.get();
		Instant now = this.clock.instant();
		if (link.expired(now)) {
			return page("expired", HttpStatus.GONE, locale);
		}
		record(code, link, now, request);
		return new ModelAndView(redirectTo(link.target()));
	}

	/**
	 * {@code POST /l/{code}/opened}: a mini program reports that a tracked card's page
	 * opened ({@code kefu_link=<code>} in its path); recorded like a tap, from the
	 * request's User-Agent. 204; 404 for a malformed code or one that is not a mini
	 * program card's; 410 once expired; 503 when the database cannot be asked.
	 */
	@PostMapping(LinkAddresses.PATH + "{code}/opened")
	ResponseEntity<Void> opened(@PathVariable String code, HttpServletRequest request) {
		if (!Codes.wellFormed(code)) {
			return ResponseEntity.notFound().build();
		}
		Optional<LinkCode> found;
		try {
			found = lookUp(code);
		}
		catch (DataAccessException ex) {
			failedLookUp(ex);
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
		}
		if (found.isEmpty() || Targets.web(found.get().target())) {
			return ResponseEntity.notFound().build();
		}
		Instant now = this.clock.instant();
		if (found.get().expired(now)) {
			return ResponseEntity.status(HttpStatus.GONE).build();
		}
		record(code, found.get(), now, request);
		return ResponseEntity.noContent().build();
	}

	private void record(String code, LinkCode link, Instant now, HttpServletRequest request) {
		Visitor visitor = Visitor.of(request.getMethod(), request.getHeader(HttpHeaders.USER_AGENT), purpose(request));
		this.recorder
			.click(new Click(TimeOrderedIds.next(now), code, link.appId(), link.ruleId(), link.openId(), now, visitor));
		count(link, visitor);
	}

	private void failedLookUp(DataAccessException ex) {
		long now = System.currentTimeMillis();
		long last = this.lastLogged.get();
		if (now - last > 60_000 && this.lastLogged.compareAndSet(last, now)) {
			logger.warn("Could not look up a tracked link: {}", ex.toString());
		}
	}

	private Optional<LinkCode> lookUp(String code) {
		LinkCode cached = this.cache.get(code);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<LinkCode> stored = this.store.find(code);
		stored.ifPresent(this.cache::put);
		return stored;
	}

	private void count(LinkCode link, Visitor visitor) {
		if (visitor.fetcher()) {
			this.meters.counter("kefu.links.fetches", "app", link.appId()).increment();
		}
		else {
			this.meters
				.counter("kefu.links.clicks", "app", link.appId(), "rule", LinkMetrics.rule(link.ruleId()), "platform",
						visitor.platform().name().toLowerCase(Locale.ROOT), "wechat",
						Boolean.toString(visitor.inWeChat()))
				.increment();
		}
	}

	/**
	 * 302 to the stored target as it is (no template expansion, no session id), never
	 * cached.
	 */
	private static View redirectTo(String target) {
		return (model, request, response) -> {
			response.setStatus(HttpStatus.FOUND.value());
			response.setHeader(HttpHeaders.LOCATION, target);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		};
	}

	private ModelAndView page(String kind, HttpStatus status, Locale locale) {
		ModelAndView page = new ModelAndView("links/page",
				Map.of("lang", locale.toLanguageTag(), "title",
						this.messages.getMessage("links.page." + kind + ".title", null, locale), "message",
						this.messages.getMessage("links.page." + kind + ".message", null, locale)));
		page.setStatus(status);
		return page;
	}

	private static String purpose(HttpServletRequest request) {
		for (String header : new String[] { "Sec-Purpose", "Purpose", "X-Purpose", "X-Moz" }) {
			String value = request.getHeader(header);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/**
	 * A user's phone in English gets English; everyone else Chinese, like the console.
	 */
	private static Locale locale(HttpServletRequest request) {
		String accepted = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
		return (accepted != null && accepted.toLowerCase(Locale.ROOT).startsWith("en")) ? Locale.ENGLISH
				: Locale.SIMPLIFIED_CHINESE;
	}

}
