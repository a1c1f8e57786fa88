package dev.kefu.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.kefu.media.AssetRejectedException;
import dev.kefu.media.Assets;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.RuleRejectedException.InvalidField;
import dev.kefu.rules.RuleStore.Stored;
import dev.kefu.rules.RuleVersion.Change;
import dev.kefu.rules.matching.Normalisation;

import org.springframework.stereotype.Service;

/**
 * Imports rules, merging them into an app's: the legacy CMS map ({@code keyword → reply}
 * plus {@code "default"}) or kefu's own export. All or nothing: one invalid entry refuses
 * the whole import, naming the entry and its field. Images of the legacy map are fetched
 * (SSRF-safe) before anything is changed.
 * <p>
 * An import can be previewed first: the preview runs the very same merge in a transaction
 * that is rolled back, and reports each rule it would create, change or leave alone,
 * before and after. Applying it with the preview's {@link Report#fingerprint()
 * fingerprint} applies only what was previewed: should the rules have changed in between
 * so that the import would do something else, nothing is applied and the new preview
 * comes back instead. An applied import is undone in one step ({@link #undo}): the rules
 * it changed get their previous versions back (as new RESTORED versions), the rules it
 * created are deleted, unless any of them was changed again since.
 */
@Service
public class RuleImport {

	/** The legacy map's key for the reply to anything no keyword matches. */
	static final String DEFAULT_KEY = "default";

	private final RuleBook book;

	private final RuleHistory history;

	private final Assets assets;

	RuleImport(RuleBook book, RuleHistory history, Assets assets) {
		this.book = book;
		this.history = history;
		this.assets = assets;
	}

	/** What an import did. */
	public record Result(int created, int updated, int unchanged, List<String> ruleIds) {
	}

	/** What an import does to one rule. */
	public enum Kind {

		CREATED, UPDATED, UNCHANGED

	}

	/**
	 * One rule an import creates, changes or leaves as it is.
	 *
	 * @param source the entry it comes from: the legacy map's key, or {@code [i]} for the
	 * i-th rule of an export
	 * @param kind what the import does to it
	 * @param before the rule before the import; {@code null} for a creation
	 * @param after the rule after it (for a preview of a creation, its id is one that is
	 * not kept)
	 */
	public record ImportedRule(String source, Kind kind, RuleDocument before, RuleDocument after) {

		/** The rule's id, {@code null} for a rule a preview would create. */
		public String ruleId() {
			return (this.before != null) ? this.before.id() : this.after.id();
		}

	}

	/**
	 * What an import does, rule by rule, in the order of its entries.
	 *
	 * @param rules each entry's rule
	 * @param applied whether the changes were made ({@code false} for a preview, and for
	 * an import whose preview no longer holds)
	 * @param fingerprint stands for what the import does: equal for two runs that make
	 * the same changes to the same versions of the same rules
	 */
	public record Report(List<ImportedRule> rules, boolean applied, String fingerprint) {

		public Report {
			rules = List.copyOf(rules);
		}

		public long count(Kind kind) {
			return this.rules.stream().filter((rule) -> rule.kind() == kind).count();
		}

		/** The counts and ids, as the REST API answers. */
		public Result result() {
			return new Result((int) count(Kind.CREATED), (int) count(Kind.UPDATED), (int) count(Kind.UNCHANGED),
					this.rules.stream().map(ImportedRule::ruleId).toList());
		}

	}

	/**
	 * A rule an applied import created or changed, for {@link #undo}.
	 *
	 * @param ruleId the rule
	 * @param versionBefore its version before the import; 0 if the import created it
	 * @param versionAfter the version the import made
	 */
	public record Undo(String ruleId, int versionBefore, int versionAfter) {
	}

	/**
	 * Merges the legacy CMS map by keyword: an entry whose keyword (in normal form) is an
	 * EXACT keyword of a rule replaces that rule's replies; any other entry becomes a new
	 * EXACT rule named after its keyword; {@code "default"} replaces the replies of the
	 * app's first default rule, or becomes one.
	 * @param entries keyword → {@code {"type": "text"|"link"|"image", ...}}, in the map's
	 * order
	 */
	public Result importLegacy(String appId, Map<String, Map<String, Object>> entries, String actor) {
		return legacy(appId, entries, actor, Mode.APPLY, null).result();
	}

	/**
	 * What {@link #importLegacy} would do now; changes nothing (images are fetched and
	 * kept as assets).
	 */
	public Report previewLegacy(String appId, Map<String, Map<String, Object>> entries, String actor) {
		return legacy(appId, entries, actor, Mode.PREVIEW, null);
	}

	/**
	 * Applies the legacy map if it still does what the preview with {@code fingerprint}
	 * showed; otherwise applies nothing and reports what it would do now.
	 */
	public Report applyLegacy(String appId, Map<String, Map<String, Object>> entries, String actor,
			String fingerprint) {
		return legacy(appId, entries, actor, Mode.APPLY, fingerprint);
	}

	private Report legacy(String appId, Map<String, Map<String, Object>> entries, String actor, Mode mode,
			String fingerprint) {
		Map<String, ReplyItem> replies = new LinkedHashMap<>();
		List<InvalidField> problems = new ArrayList<>();
		entries.forEach((key, entry) -> {
			try {
				replies.put(key, reply(appId, key, entry));
			}
			catch (RuleRejectedException ex) {
				problems.addAll(ex.invalidFields());
			}
		});
		if (!problems.isEmpty()) {
			throw RuleRejectedException.invalid(problems);
		}
		return run(appId, mode, fingerprint, (batch) -> {
			Map<String, Stored> byKeyword = new HashMap<>();
			Stored fallback = null;
			for (Stored stored : batch.all()) {
				Rule rule = stored.rule();
				for (Keyword keyword : rule.keywords()) {
					if (keyword.match() == MatchMode.EXACT) {
						byKeyword.merge(Normalisation.normalise(keyword.text()), stored,
								(first, second) -> first.rule().enabled() ? first : second);
					}
				}
				boolean better = fallback == null || rule.priority() > fallback.rule().priority();
				if (rule.trigger() == Trigger.DEFAULT && better) {
					fallback = stored;
				}
			}
			List<ImportedRule> done = new ArrayList<>();
			for (Map.Entry<String, ReplyItem> entry : replies.entrySet()) {
				String key = entry.getKey();
				boolean isDefault = DEFAULT_KEY.equals(key);
				Stored current = isDefault ? fallback : byKeyword.get(Normalisation.normalise(key));
				RuleDocument document = (current != null) ? withReplies(current, entry.getValue())
						: newRule(key, isDefault, entry.getValue());
				RuleDocument saved = save(batch, current, document, actor, "[\"" + key + "\"]", true);
				done.add(imported(key, current, saved));
				Stored now = batch.existing(saved.id());
				if (isDefault) {
					fallback = now;
				}
				else {
					byKeyword.put(Normalisation.normalise(key), now);
				}
			}
			return done;
		});
	}

	/**
	 * Merges kefu's own export: a rule whose id the app has replaces it; any other
	 * becomes a new rule. Re-importing an unchanged export changes nothing.
	 */
	public Result importNative(String appId, List<RuleDocument> documents, String actor) {
		return exported(appId, documents, actor, Mode.APPLY, null).result();
	}

	/** What {@link #importNative} would do now; changes nothing. */
	public Report previewNative(String appId, List<RuleDocument> documents, String actor) {
		return exported(appId, documents, actor, Mode.PREVIEW, null);
	}

	/** As {@link #applyLegacy}, for kefu's own export. */
	public Report applyNative(String appId, List<RuleDocument> documents, String actor, String fingerprint) {
		return exported(appId, documents, actor, Mode.APPLY, fingerprint);
	}

	private Report exported(String appId, List<RuleDocument> documents, String actor, Mode mode, String fingerprint) {
		return run(appId, mode, fingerprint, (batch) -> {
			Map<String, Stored> byId = new HashMap<>();
			batch.all().forEach((stored) -> byId.put(stored.rule().id(), stored));
			List<ImportedRule> done = new ArrayList<>();
			for (int i = 0; i < documents.size(); i++) {
				RuleDocument document = documents.get(i);
				Stored current = (document != null && document.id() != null) ? byId.get(document.id()) : null;
				RuleDocument content = (document != null) ? document.content() : new RuleDocument(null, null, null,
						null, null, null, null, null, null, null, null, null, null, null, null, null);
				done.add(imported("[" + i + "]", current, save(batch, current, content, actor, "[" + i + "]", false)));
			}
			return done;
		});
	}

	/**
	 * Undoes an applied import in one transaction: each rule it changed gets the content
	 * of its version before the import back (a new RESTORED version), each rule it
	 * created is deleted.
	 * @throws RuleRejectedException ({@code INVALID_FIELDS}) naming each rule (by its id,
	 * the field {@code rules[id]}) that was changed or deleted since the import, or whose
	 * previous version would now conflict with another rule; nothing is undone then
	 */
	public List<String> undo(String appId, List<Undo> changes, String actor) {
		return this.book.change(appId, (batch) -> {
			List<InvalidField> problems = new ArrayList<>();
			List<String> undone = new ArrayList<>();
			for (Undo change : changes) {
				String field = "rules[" + change.ruleId() + "]";
				Optional<RuleVersion> made = this.history.version(appId, change.ruleId(), change.versionAfter())
					.filter((version) -> version.change() == Change.IMPORTED);
				Optional<Stored> current = batch.find(change.ruleId());
				if (made.isEmpty() || current.isEmpty() || current.get().version() != change.versionAfter()) {
					problems.add(new InvalidField(field, "was changed after the import", change.ruleId()));
					continue;
				}
				if (change.versionBefore() == 0) {
					batch.delete(current.get(), actor);
				}
				else {
					RuleDocument previous = this.history.version(appId, change.ruleId(), change.versionBefore())
						.map(RuleVersion::after)
						.orElseThrow(
								() -> RuleRejectedException.unknownVersion(change.ruleId(), change.versionBefore()));
					try {
						batch.save(current.get(), previous.content(), Change.RESTORED, actor);
					}
					catch (RuleRejectedException ex) {
						ex.invalidFields()
							.forEach((problem) -> problems.add(new InvalidField(field, problem.reason(),
									(problem.ruleId() != null) ? problem.ruleId() : change.ruleId())));
						continue;
					}
				}
				undone.add(change.ruleId());
			}
			if (!problems.isEmpty()) {
				throw RuleRejectedException.invalid(problems);
			}
			return undone;
		});
	}

	private enum Mode {

		PREVIEW, APPLY

	}

	/**
	 * Runs an import's merge; keeps it only when applying, and then only if it does what
	 * the preview with {@code fingerprint} (if given) showed.
	 */
	private Report run(String appId, Mode mode, String fingerprint,
			Function<RuleBook.Batch, List<ImportedRule>> merge) {
		boolean[] applied = new boolean[1];
		List<ImportedRule> rules = this.book.change(appId, merge, (done) -> {
			applied[0] = mode == Mode.APPLY && (fingerprint == null || fingerprint.equals(fingerprint(done)));
			return applied[0];
		});
		return new Report(rules, applied[0], fingerprint(rules));
	}

	private static ImportedRule imported(String source, Stored current, RuleDocument saved) {
		RuleDocument before = (current != null) ? RuleDocument.of(current.rule(), current.version()) : null;
		Kind kind = (before == null) ? Kind.CREATED
				: (before.version().equals(saved.version()) ? Kind.UNCHANGED : Kind.UPDATED);
		return new ImportedRule(source, kind, before, saved);
	}

	/**
	 * SHA-256 over each entry's source, what happens to it, the id and version of the
	 * rule it changes and the content it leaves: the ids a preview gives the rules it
	 * would create are left out, as they are not kept.
	 */
	private static String fingerprint(List<ImportedRule> rules) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (ImportedRule rule : rules) {
				String line = rule.source() + "\u0000" + rule.kind() + "\u0000"
						+ ((rule.before() != null) ? rule.before().id() + "@" + rule.before().version() : "-")
						+ "\u0000" + rule.after().content() + "\n";
				digest.update(line.getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RuleDocument save(RuleBook.Batch batch, Stored current, RuleDocument document, String actor,
			String prefix, boolean legacy) {
		try {
			return batch.save(current, document, Change.IMPORTED, actor);
		}
		catch (RuleRejectedException ex) {
			if (ex.reason() != RuleRejectedException.Reason.INVALID_FIELDS) {
				throw ex;
			}
			throw RuleRejectedException.invalid(ex.invalidFields()
				.stream()
				.map((field) -> legacy ? legacyField(field, prefix) : field.under(prefix))
				.toList());
		}
	}

	/** A problem of a rule made from a legacy entry, named by the entry's own field. */
	private static InvalidField legacyField(InvalidField field, String prefix) {
		String name = field.field()
			.replaceFirst("^replies\\[0]\\.content$", "text")
			.replaceFirst("^replies\\[0]\\.thumbUrl$", "thumb_url")
			.replaceFirst("^replies\\[0]\\.", "")
			.replaceFirst("^keywords\\[0]\\.text$", "keyword");
		return new InvalidField(prefix + "." + name, field.reason(), field.ruleId());
	}

	private ReplyItem reply(String appId, String key, Map<String, Object> entry) {
		String prefix = "[\"" + key + "\"]";
		if (entry == null) {
			throw invalid(prefix, "must be an object with a type");
		}
		String type = string(entry, "type");
		if (type == null) {
			throw invalid(prefix + ".type", "must be text, link or image");
		}
		return switch (type) {
			case "text" -> new ReplyItem(ReplyItem.TEXT, firstOf(entry, "text", "content", "description"), null, null,
					null, null, null, null, null);
			case "link" -> new ReplyItem(ReplyItem.LINK, null, string(entry, "title"), string(entry, "description"),
					string(entry, "url"), firstOf(entry, "thumb_url", "thumbUrl"), null, null, null);
			case "image" -> new ReplyItem(ReplyItem.IMAGE, null, null, null, null, null,
					fetch(appId, firstOf(entry, "url", "imageurl"), prefix), null, null);
			default -> throw invalid(prefix + ".type", "must be text, link or image");
		};
	}

	private String fetch(String appId, String url, String prefix) {
		if (url == null) {
			throw invalid(prefix + ".url", "an image needs its url");
		}
		try {
			return this.assets.fetch(appId, new URI(url)).id();
		}
		catch (URISyntaxException ex) {
			throw invalid(prefix + ".url", "is not a URL");
		}
		catch (AssetRejectedException ex) {
			if (ex.reason() == AssetRejectedException.Reason.UNKNOWN_APP) {
				throw RuleRejectedException.unknownApp(appId);
			}
			throw invalid(prefix + ".url", ex.getMessage());
		}
	}

	private static RuleDocument withReplies(Stored current, ReplyItem reply) {
		RuleDocument document = RuleDocument.of(current.rule(), current.version()).content();
		return new RuleDocument(null, document.name(), document.trigger(), document.priority(), document.enabled(),
				document.replyMode(), document.keywords(), List.of(reply), document.activeFrom(),
				document.activeUntil(), document.businessHours(), document.sessionFrom(), document.cooldown(), null,
				null, null);
	}

	private static RuleDocument newRule(String key, boolean isDefault, ReplyItem reply) {
		String name = (key.length() > RuleValidator.MAX_NAME) ? key.substring(0, RuleValidator.MAX_NAME) : key;
		return new RuleDocument(null, name, isDefault ? Trigger.DEFAULT : Trigger.KEYWORD, 0, true, ReplyMode.ALL,
				isDefault ? List.of() : List.of(new KeywordItem(key, MatchMode.EXACT)), List.of(reply), null, null,
				null, null, null, null, null, null);
	}

	private static String firstOf(Map<String, Object> entry, String... names) {
		for (String name : names) {
			String value = string(entry, name);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private static String string(Map<String, Object> entry, String name) {
		Object value = entry.get(name);
		return (value instanceof String text) ? text : null;
	}

	private static RuleRejectedException invalid(String field, String reason) {
		return RuleRejectedException.invalid(List.of(new InvalidField(field, reason)));
	}

}
