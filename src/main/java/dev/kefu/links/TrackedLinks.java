package dev.kefu.links;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Makes the short URLs that tracked links are sent with, one code per link per reply
 * part: the part's retries (and a send repeated after a lost outcome) get the code it was
 * given first. Called by the outbox as it sends, on its sender threads.
 */
@Component
public class TrackedLinks {

	private static final Logger logger = LoggerFactory.getLogger(TrackedLinks.class);

	/**
	 * The query parameter of a tracked mini program card's page path that carries its
	 * code.
	 */
	public static final String PAGE_PARAMETER = "kefu_link";

	/**
	 * What a link is sent as.
	 *
	 * @param url the short URL, or the link's own URL when it is sent untracked
	 * @param code the short URL's code, or {@code null} when untracked
	 */
	public record Issued(String url, String code) {
	}

	private final LinkStore store;

	private final LinkCache cache;

	private final LinkAddresses addresses;

	private final ClickRecorder recorder;

	private final Codes codes;

	private final LinksProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final AtomicBoolean warned = new AtomicBoolean();

	@Autowired
	TrackedLinks(LinkStore store, LinkCache cache, LinkAddresses addresses, ClickRecorder recorder,
			LinksProperties properties, Clock clock, MeterRegistry meters) {
		this(store, cache, addresses, recorder, new Codes(new SecureRandom()), properties, clock, meters);
	}

	TrackedLinks(LinkStore store, LinkCache cache, LinkAddresses addresses, ClickRecorder recorder, Codes codes,
			LinksProperties properties, Clock clock, MeterRegistry meters) {
		this.store = store;
		this.cache = cache;
		this.addresses = addresses;
		this.recorder = recorder;
		this.codes = codes;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * The short URL to send {@code link} as, stored (with its target) before it is handed
	 * out. Without {@code kefu.public-url} a real app's link is sent as it is, with a
	 * warning (once).
	 * @throws org.springframework.dao.DataAccessException when the database cannot store
	 * it: the send should be tried again later
	 */
	public Issued issue(TrackedLink link) {
		if (!link.sandbox() && !this.addresses.hasPublicUrl()) {
			if (this.warned.compareAndSet(false, true)) {
				logger.warn("kefu.public-url is not set: tracked links (e.g. of app {}) are sent untracked, "
						+ "as their own URLs", link.appId());
			}
			return new Issued(link.url(), null);
		}
		LinkCode code = this.store.findByDelivery(link.deliveryId(), link.slot()).orElseGet(() -> {
			Instant now = this.clock.instant();
			LinkCode made = new LinkCode(this.codes.next(), link.appId(), link.ruleId(), link.deliveryId(), link.slot(),
					link.openId(), Targets.web(link.url()) ? Targets.withUtm(link.url(), link.utm()) : link.url(), now,
					now.plus(this.properties.validity()));
			this.store.insert(made);
			return made;
		});
		// the user may tap at once, and most likely through this instance
		this.cache.put(code);
		return new Issued(this.addresses.shortUrl(code.code(), link.sandbox()), code.code());
	}

	/**
	 * WeChat accepted a reply part carrying {@code issued}: it counts as sent (recorded
	 * off this thread).
	 */
	public void sent(TrackedLink link, Issued issued) {
		if (issued.code() == null) {
			return;
		}
		this.recorder.sent(issued.code(), this.clock.instant());
		this.meters.counter("kefu.links.sent", "app", link.appId(), "rule", LinkMetrics.rule(link.ruleId()))
			.increment();
	}

}
