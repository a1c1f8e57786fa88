package dev.kefu.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rule as the REST API, the export and the version history show it. Read from requests
 * leniently (any field may be missing; {@link RuleValidator} says which are required),
 * written without the fields that are {@code null}. <pre>
 * {"name": "下载APP", "trigger": "KEYWORD", "priority": 0, "enabled": true, "replyMode": "ALL",
 *  "keywords": [{"text": "1", "match": "EXACT"}],
 *  "replies": [{"type": "text", "content": "…"},
 *              {"type": "link", "title": "…", "description": "…", "url": "https://…", "thumbUrl": "https://…"},
 *              {"type": "image", "assetId": "…"},
 *              {"type": "miniprogrampage", "title": "…", "pagePath": "pages/index/index", "thumbAssetId": "…"},
 *              {"type": "transfer"}, {"type": "agent"}]}
 * </pre> A link reply may also say {@code "tracked": true} and, then,
 * {@code "utm": {"source": "…", "medium": "…", "campaign": "…", "term": "…", "content":
 * "…"}} (any of them): see {@link Reply.Tracking}. Without {@code tracked} a link is sent
 * as it is, as before. A text reply may say the same: each http(s) URL in its content is
 * then sent as a short URL of its own. A mini program card may say
 * {@code "tracked": true} (without utm): its page path then carries
 * {@code kefu_link=<code>}, which the mini program reports to {@code POST
 * /l/{code}/opened}.
 *
 * @param id set by kefu
 * @param name shown in the console
 * @param trigger {@code KEYWORD}, {@code DEFAULT}, {@code WELCOME} or
 * {@code AGENTS_OFFLINE}
 * @param priority higher wins; 0 when absent
 * @param enabled {@code true} when absent
 * @param replyMode {@code ALL} (when absent) or {@code RANDOM}
 * @param keywords for KEYWORD rules
 * @param replies 1 to 5
 * @param activeFrom optional start of the active period (ISO-8601 instant)
 * @param activeUntil optional end of the active period, exclusive
 * @param businessHours optional hours in the app's time zone
 * @param sessionFrom WELCOME only: answer only entries from the button with this
 * SessionFrom
 * @param cooldown DEFAULT and WELCOME only: ISO-8601 duration between two answers to one
 * user (WELCOME: {@code PT24H} when absent)
 * @param version set by kefu: the number of the rule's latest version
 * @param createdAt set by kefu
 * @param updatedAt set by kefu
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleDocument(String id, String name, Trigger trigger, Integer priority, Boolean enabled,
		ReplyMode replyMode, List<KeywordItem> keywords, List<ReplyItem> replies, Instant activeFrom,
		Instant activeUntil, Hours businessHours, String sessionFrom, Duration cooldown, Integer version,
		Instant createdAt, Instant updatedAt) {

	/** The document of a stored rule. */
	public static RuleDocument of(Rule rule, int version) {
		return new RuleDocument(rule.id(), rule.name(), rule.trigger(), rule.priority(), rule.enabled(),
				rule.replyMode(), rule.keywords().stream().map((k) -> new KeywordItem(k.text(), k.match())).toList(),
				rule.replies().stream().map(ReplyItem::of).toList(), rule.activeFrom(), rule.activeUntil(),
				Hours.of(rule.businessHours()), rule.sessionFrom(), rule.cooldown(), version, rule.createdAt(),
				rule.updatedAt());
	}

	/** The same rule without what kefu sets, to compare what an operator changed. */
	RuleDocument content() {
		return new RuleDocument(null, this.name, this.trigger, this.priority, this.enabled, this.replyMode,
				this.keywords, this.replies, this.activeFrom, this.activeUntil, this.businessHours, this.sessionFrom,
				this.cooldown, null, null, null);
	}

	/**
	 * @param text as the operator wrote it @param match {@code EXACT}, {@code CONTAINS}
	 * or {@code REGEX}
	 */
	public record KeywordItem(String text, MatchMode match) {
	}

	/**
	 * One reply; which fields apply depends on {@code type}: {@code text} (content),
	 * {@code link} (title, description, url, thumbUrl, and optionally tracked and utm),
	 * {@code image} (assetId), {@code miniprogrampage} (title, pagePath, thumbAssetId),
	 * {@code transfer} (to WeChat's customer-service tool) or {@code agent} (to kefu's
	 * desk; none). Apart from those two, an item is {@link Reply}'s own JSON shape, read
	 * leniently so that {@link RuleValidator} can name each field that is missing or
	 * wrong; it is turned into a {@link Reply} and back through that shape, not field by
	 * field.
	 *
	 * @param tracked {@code true} for a tracked link; {@code null} (absent) or
	 * {@code false} for a link sent as it is
	 * @param utm the {@code utm_*} parameters a tracked link adds, by name without the
	 * prefix
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ReplyItem(String type, String content, String title, String description, String url, String thumbUrl,
			String assetId, String pagePath, String thumbAssetId, Boolean tracked, Map<String, String> utm) {

		/** A reply that is not a tracked link. */
		public ReplyItem(String type, String content, String title, String description, String url, String thumbUrl,
				String assetId, String pagePath, String thumbAssetId) {
			this(type, content, title, description, url, thumbUrl, assetId, pagePath, thumbAssetId, null, null);
		}

		static final String TEXT = "text";

		static final String LINK = "link";

		static final String IMAGE = "image";

		static final String MINI_PROGRAM_PAGE = "miniprogrampage";

		static final String TRANSFER = "transfer";

		static final String AGENT = "agent";

		private static final JsonMapper SHAPE = JsonMapper.builder().build();

		/**
		 * WeChat refuses a longer text (errcode 45002): the limit is in UTF-8 bytes, not
		 * characters.
		 */
		public static final int MAX_TEXT_BYTES = 2048;

		static ReplyItem of(RulePart part) {
			if (part instanceof RulePart.Send send) {
				return SHAPE.convertValue(send.reply(), ReplyItem.class);
			}
			if (part instanceof RulePart.Agent) {
				return new ReplyItem(AGENT, null, null, null, null, null, null, null, null);
			}
			return new ReplyItem(TRANSFER, null, null, null, null, null, null, null, null);
		}

		/** The rule part this (valid) item describes; its type in any case. */
		RulePart part() {
			String kind = this.type.toLowerCase(Locale.ROOT);
			if (kind.equals(TRANSFER)) {
				return new RulePart.Transfer();
			}
			if (kind.equals(AGENT)) {
				return new RulePart.Agent();
			}
			ObjectNode fields = SHAPE.valueToTree(this);
			fields.put("type", kind);
			return new RulePart.Send(SHAPE.treeToValue(fields, Reply.class));
		}

	}

	/**
	 * @param days days of the week @param from {@code HH:mm} @param until {@code HH:mm},
	 * exclusive
	 */
	public record Hours(Set<DayOfWeek> days, @JsonFormat(pattern = "HH:mm") LocalTime from,
			@JsonFormat(pattern = "HH:mm") LocalTime until) {

		static Hours of(BusinessHours hours) {
			return (hours != null) ? new Hours(hours.days(), hours.from(), hours.until()) : null;
		}

	}

}
