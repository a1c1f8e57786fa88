package dev.kefu.rules;

import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.rules.matching.RuleMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Each app's compiled {@link RuleMatcher}, swapped atomically when the app's rules
 * change: at once on the instance that made the change, and on the others when
 * {@link RulesRefresher} sees the app's revision move. Readers never wait for a rebuild;
 * they keep the previous matcher until the new one is ready.
 */
@Component
class RuleMatchers {

	private static final Logger logger = LoggerFactory.getLogger(RuleMatchers.class);

	static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

	private final RuleStore store;

	private final Apps apps;

	private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

	RuleMatchers(RuleStore store, Apps apps) {
		this.store = store;
		this.apps = apps;
	}

	private record Loaded(long revision, RuleMatcher matcher) {
	}

	/** The app's matcher, compiled on first use. */
	RuleMatcher matcher(String appId) {
		Loaded current = this.loaded.get(appId);
		return (current != null) ? current.matcher() : reload(appId);
	}

	/** Recompiles the app's matcher from the database and swaps it in. */
	RuleMatcher reload(String appId) {
		// The revision is read first: a change committed while the rules are read moves
		// it past
		// this value, so the next poll compiles again rather than missing the change.
		long revision = this.store.revision(appId);
		ZoneId zone = this.apps.find(appId).map(App::timeZone).orElse(DEFAULT_ZONE);
		RuleMatcher matcher = RuleMatcher.compile(this.store.all(appId).stream().map(RuleStore.Stored::rule).toList(),
				zone);
		this.loaded.merge(appId, new Loaded(revision, matcher),
				(old, fresh) -> (old.revision() > fresh.revision()) ? old : fresh);
		logger.debug("Compiled {} keywords of app {} at revision {}", matcher.keywordCount(), appId, revision);
		return this.loaded.get(appId).matcher();
	}

	/** Recompiles the matchers of apps whose revision moved since they were compiled. */
	void refreshChanged() {
		this.store.revisions().forEach((appId, revision) -> {
			Loaded current = this.loaded.get(appId);
			if (current != null && current.revision() != revision) {
				reload(appId);
			}
		});
	}

	/**
	 * Forgets an app's matcher, e.g. when the app changed its time zone or was removed.
	 */
	void forget(String appId) {
		this.loaded.remove(appId);
	}

}
