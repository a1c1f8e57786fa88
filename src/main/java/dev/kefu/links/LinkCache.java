package dev.kefu.links;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The codes this instance issued or redirected last, at most {@code capacity} of them,
 * the least recently used going first. A code never changes once made, so what is cached
 * is never stale; a redirect of a cached code needs no database. Thread-safe.
 */
@Component
final class LinkCache {

	private final Map<String, LinkCode> codes;

	@Autowired
	LinkCache(LinksProperties properties) {
		this(properties.cacheSize());
	}

	LinkCache(int capacity) {
		this.codes = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, LinkCode> eldest) {
				return size() > capacity;
			}

		};
	}

	synchronized LinkCode get(String code) {
		return this.codes.get(code);
	}

	synchronized void put(LinkCode code) {
		this.codes.put(code.code(), code);
	}

}
