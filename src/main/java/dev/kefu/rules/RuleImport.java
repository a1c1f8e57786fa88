package dev.kefu.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.media.AssetRejectedException;
import dev.kefu.media.Assets;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.RuleRejectedException.InvalidField;
import dev.kefu.rules.RuleStore.Stored;
import dev.kefu.rules.RuleVersion.Change;

import org.springframework.stereotype.Service;

/**
 * Imports rules, merging them into an app's: the legacy CMS map ({@code keyword → reply} plus
 * {@code "default"}) or kefu's own export. All or nothing: one invalid entry refuses the whole
 * import, naming the entry and its field. Images of the legacy map are fetched (SSRF-safe)
 * before anything is changed.
 */
@Service
public class RuleImport {

	/** The legacy map's key for the reply to anything no keyword matches. */
	static final String DEFAULT_KEY = "default";

	private final RuleBook book;

	private final Assets assets;

	RuleImport(RuleBook book, Assets assets) {
		this.book = book;
		this.assets = assets;
	}

	/** What an import did. */
	public record Result(int created, int updated, int unchanged, List<String> ruleIds) {
	}

	/**
	 * Merges the legacy CMS map by keyword: an entry whose keyword (in normal form) is an EXACT
	 * keyword of a rule replaces that rule's replies; any other entry becomes a new EXACT rule
	 * named after its keyword; {@code "default"} replaces the replies of the app's first default
	 * rule, or becomes one.
	 * @param entries keyword → {@code {"type": "text"|"link"|"image", ...}}, in the map's order
	 */
	public Result importLegacy(String appId, Map<String, Map<String, Object>> entries, String actor) {
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
		return this.book.change(appId, (batch) -> {
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
			Tally tally = new Tally();
			for (Map.Entry<String, ReplyItem> entry : replies.entrySet()) {
				String key = entry.getKey();
				boolean isDefault = DEFAULT_KEY.equals(key);
				Stored current = isDefault ? fallback : byKeyword.get(Normalisation.normalise(key));
				RuleDocument document = (current != null) ? withReplies(current, entry.getValue())
						: newRule(key, isDefault, entry.getValue());
				RuleDocument saved = save(batch, current, document, actor, "[\"" + key + "\"]", true);
				tally.count(current, saved);
				Stored now = batch.existing(saved.id());
				if (isDefault) {
					fallback = now;
				}
				else {
					byKeyword.put(Normalisation.normalise(key), now);
				}
			}
			return tally.result();
		});
	}

	/**
	 * Merges kefu's own export: a rule whose id the app has replaces it; any other becomes a new
	 * rule. Re-importing an unchanged export changes nothing.
	 */
	public Result importNative(String appId, List<RuleDocument> documents, String actor) {
		return this.book.change(appId, (batch) -> {
			Map<String, Stored> byId = new HashMap<>();
			batch.all().forEach((stored) -> byId.put(stored.rule().id(), stored));
			Tally tally = new Tally();
			for (int i = 0; i < documents.size(); i++) {
				RuleDocument document = documents.get(i);
				Stored current = (document != null && document.id() != null) ? byId.get(document.id()) : null;
				RuleDocument content = (document != null) ? document.content()
						: new RuleDocument(null, null, null, null, null, null, null, null, null, null, null, null, null,
								null, null, null);
				tally.count(current, save(batch, current, content, actor, "[" + i + "]", false));
			}
			return tally.result();
		});
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

	private static final class Tally {

		private int created;

		private int updated;

		private int unchanged;

		private final List<String> ids = new ArrayList<>();

		void count(Stored before, RuleDocument after) {
			if (before == null) {
				this.created++;
			}
			else if (before.version() == after.version()) {
				this.unchanged++;
			}
			else {
				this.updated++;
			}
			this.ids.add(after.id());
		}

		Result result() {
			return new Result(this.created, this.updated, this.unchanged, List.copyOf(this.ids));
		}

	}

}
