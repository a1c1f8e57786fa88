package dev.kefu.rules.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rule editor posts, in the shape of the pinned JSON of
 * {@code /api/apps/{appId}/rules} (a mutable bean because the browser sends indexed
 * fields: {@code keywords[0].text}, {@code replies[1].url}). It is only a carrier: the
 * rules module validates.
 */
public class RuleForm {

	private String name = "";

	private String trigger = "KEYWORD";

	private int priority;

	private boolean enabled = true;

	private String replyMode = "ALL";

	private List<KeywordField> keywords = new ArrayList<>();

	private List<ReplyField> replies = new ArrayList<>();

	/**
	 * The version the editor started from, so a concurrent change is noticed instead of
	 * lost.
	 */
	private Long baseVersion;

	private String sessionFrom;

	private Long cooldownMinutes;

	/**
	 * {@code yyyy-MM-ddTHH:mm} in the app's time zone, as a datetime-local input gives
	 * it.
	 */
	private String activeFrom;

	private String activeUntil;

	/** {@code MONDAY}… */
	private List<String> businessDays = new ArrayList<>();

	/** {@code HH:mm}. */
	private String businessFrom;

	private String businessUntil;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getTrigger() {
		return this.trigger;
	}

	public void setTrigger(String trigger) {
		this.trigger = trigger;
	}

	public int getPriority() {
		return this.priority;
	}

	public void setPriority(int priority) {
		this.priority = priority;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getReplyMode() {
		return this.replyMode;
	}

	public void setReplyMode(String replyMode) {
		this.replyMode = replyMode;
	}

	public List<KeywordField> getKeywords() {
		return this.keywords;
	}

	public void setKeywords(List<KeywordField> keywords) {
		this.keywords = keywords;
	}

	public List<ReplyField> getReplies() {
		return this.replies;
	}

	public void setReplies(List<ReplyField> replies) {
		this.replies = replies;
	}

	public Long getBaseVersion() {
		return this.baseVersion;
	}

	public void setBaseVersion(Long baseVersion) {
		this.baseVersion = baseVersion;
	}

	public String getSessionFrom() {
		return this.sessionFrom;
	}

	public void setSessionFrom(String sessionFrom) {
		this.sessionFrom = sessionFrom;
	}

	public Long getCooldownMinutes() {
		return this.cooldownMinutes;
	}

	public void setCooldownMinutes(Long cooldownMinutes) {
		this.cooldownMinutes = cooldownMinutes;
	}

	public String getActiveFrom() {
		return this.activeFrom;
	}

	public void setActiveFrom(String activeFrom) {
		this.activeFrom = activeFrom;
	}

	public String getActiveUntil() {
		return this.activeUntil;
	}

	public void setActiveUntil(String activeUntil) {
		this.activeUntil = activeUntil;
	}

	public List<String> getBusinessDays() {
		return this.businessDays;
	}

	public void setBusinessDays(List<String> businessDays) {
		this.businessDays = businessDays;
	}

	public String getBusinessFrom() {
		return this.businessFrom;
	}

	public void setBusinessFrom(String businessFrom) {
		this.businessFrom = businessFrom;
	}

	public String getBusinessUntil() {
		return this.businessUntil;
	}

	public void setBusinessUntil(String businessUntil) {
		this.businessUntil = businessUntil;
	}

	/** Whether any of the rarely used conditions is set, so the editor opens them. */
	public boolean hasConditions() {
		return notBlank(this.sessionFrom) || this.cooldownMinutes != null || notBlank(this.activeFrom)
				|| notBlank(this.activeUntil) || notBlank(this.businessFrom) || notBlank(this.businessUntil)
				|| (this.businessDays != null && !this.businessDays.isEmpty());
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * Keywords the browser left empty (a removed chip leaves a gap in the indexes) are
	 * dropped.
	 */
	public List<KeywordField> keywordsGiven() {
		return this.keywords.stream()
			.filter((k) -> k != null && k.getText() != null && !k.getText().isEmpty())
			.toList();
	}

	/** Replies without a type (gaps in the indexes) are dropped. */
	public List<ReplyField> repliesGiven() {
		return this.replies.stream().filter((r) -> r != null && r.getType() != null && !r.getType().isEmpty()).toList();
	}

	/** One keyword chip. */
	public static class KeywordField {

		private String text;

		private String match = "EXACT";

		public KeywordField() {
		}

		public KeywordField(String text, String match) {
			this.text = text;
			this.match = match;
		}

		public String getText() {
			return this.text;
		}

		public void setText(String text) {
			this.text = text;
		}

		public String getMatch() {
			return this.match;
		}

		public void setMatch(String match) {
			this.match = match;
		}

	}

	/** One reply card; only the fields of its type are used. */
	public static class ReplyField {

		private String type = "text";

		private String content;

		private String title;

		private String description;

		private String url;

		private String thumbUrl;

		private String assetId;

		private String pagePath;

		private String thumbAssetId;

		/**
		 * A link card carries a tracked short URL; on for a new card, as the operator
		 * leaves it otherwise.
		 */
		private Boolean tracked = Boolean.TRUE;

		/**
		 * A text sends each of its URLs as a tracked short URL; off unless the operator
		 * ticks it.
		 */
		private Boolean trackedText = Boolean.FALSE;

		/**
		 * A mini program card's page path carries a code the mini program reports; off
		 * unless ticked.
		 */
		private Boolean trackedPage = Boolean.FALSE;

		/**
		 * A tracked link's {@code utm_*} parameters by name without the prefix; blank
		 * ones are not added.
		 */
		private Map<String, String> utm = new LinkedHashMap<>();

		public static ReplyField text(String content) {
			ReplyField reply = new ReplyField();
			reply.setContent(content);
			return reply;
		}

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public String getContent() {
			return this.content;
		}

		public void setContent(String content) {
			this.content = content;
		}

		public String getTitle() {
			return this.title;
		}

		public void setTitle(String title) {
			this.title = title;
		}

		public String getDescription() {
			return this.description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public String getThumbUrl() {
			return this.thumbUrl;
		}

		public void setThumbUrl(String thumbUrl) {
			this.thumbUrl = thumbUrl;
		}

		public String getAssetId() {
			return this.assetId;
		}

		public void setAssetId(String assetId) {
			this.assetId = assetId;
		}

		public String getPagePath() {
			return this.pagePath;
		}

		public void setPagePath(String pagePath) {
			this.pagePath = pagePath;
		}

		public String getThumbAssetId() {
			return this.thumbAssetId;
		}

		public void setThumbAssetId(String thumbAssetId) {
			this.thumbAssetId = thumbAssetId;
		}

		public Boolean getTracked() {
			return this.tracked;
		}

		public void setTracked(Boolean tracked) {
			this.tracked = tracked;
		}

		public Boolean getTrackedText() {
			return this.trackedText;
		}

		public void setTrackedText(Boolean trackedText) {
			this.trackedText = trackedText;
		}

		public Boolean getTrackedPage() {
			return this.trackedPage;
		}

		public void setTrackedPage(Boolean trackedPage) {
			this.trackedPage = trackedPage;
		}

		public Map<String, String> getUtm() {
			return this.utm;
		}

		public void setUtm(Map<String, String> utm) {
			this.utm = (utm != null) ? utm : new LinkedHashMap<>();
		}

	}

}
