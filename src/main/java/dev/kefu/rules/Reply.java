package dev.kefu.rules;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One customer-service message to send, as an operator configured it. Images are kefu
 * assets ({@code dev.kefu.media}); delivery turns them into WeChat media ids.
 * <p>
 * A reply has one JSON shape, given here to any Jackson mapper: the reply items of the
 * rules' REST API, which is also how the rules and the outbox store them. Fields that are
 * {@code null} are left out, unknown fields are ignored when read: <pre>
 * {"type": "text", "content": "…"}
 * {"type": "link", "title": "…", "description": "…", "url": "https://…", "thumbUrl": "https://…"}
 * {"type": "link", …, "tracked": true, "utm": {"source": "…", "campaign": "…"}}
 * {"type": "text", "content": "…", "tracked": true}
 * {"type": "image", "assetId": "…"}
 * {"type": "miniprogrampage", "title": "…", "pagePath": "pages/index/index", "thumbAssetId": "…"}
 * </pre> A text, link or mini program card without {@code "tracked": true} is sent as it
 * is (its {@code tracking()} is {@code null}); a mini program card is tracked without
 * {@code utm}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Reply.Text.class, name = "text"),
		@JsonSubTypes.Type(value = Reply.Link.class, name = "link"),
		@JsonSubTypes.Type(value = Reply.Image.class, name = "image"),
		@JsonSubTypes.Type(value = Reply.MiniProgramPage.class, name = "miniprogrampage") })
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface Reply permits Reply.Text, Reply.Link, Reply.Image, Reply.MiniProgramPage {

	/**
	 * The {@code type} of this reply in its JSON shape: {@code text}, {@code link},
	 * {@code image} or {@code miniprogrampage}.
	 */
	@JsonIgnore
	default String type() {
		return Arrays.stream(Reply.class.getAnnotation(JsonSubTypes.class).value())
			.filter((subtype) -> subtype.value() == getClass())
			.map(JsonSubTypes.Type::name)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The asset this reply shows: an image's, or a mini program card's cover;
	 * {@code null} for a text or a link card. What keeps an asset from being deleted.
	 */
	@JsonIgnore
	default String shownAsset() {
		if (this instanceof Image image) {
			return image.assetId();
		}
		if (this instanceof MiniProgramPage page) {
			return page.thumbAssetId();
		}
		return null;
	}

	/**
	 * A text message; may contain mini program text links.
	 *
	 * @param tracking when not {@code null}, each http(s) URL in {@code content} (bare or
	 * an {@code <a href>}) is sent as a short URL of its own, like a tracked link card's
	 */
	record Text(String content, @JsonIgnore Tracking tracking) implements Reply {

		/** A text sent as it is. */
		public Text(String content) {
			this(content, null);
		}

		@JsonCreator
		static Text read(@JsonProperty("content") String content, @JsonProperty("tracked") Boolean tracked,
				@JsonProperty("utm") Map<String, String> utm) {
			return new Text(content, Tracking.of(tracked, utm));
		}

		@JsonProperty("tracked")
		Boolean tracked() {
			return Tracking.tracked(this.tracking);
		}

		@JsonProperty("utm")
		Map<String, String> utm() {
			return Tracking.utm(this.tracking);
		}

	}

	/**
	 * A link card; {@code thumbUrl} may be {@code null}.
	 *
	 * @param tracking how the link is tracked, or {@code null} when the card carries
	 * {@code url} itself
	 */
	record Link(String title, String description, String url, String thumbUrl,
			@JsonIgnore Tracking tracking) implements Reply {

		/** An untracked link card. */
		public Link(String title, String description, String url, String thumbUrl) {
			this(title, description, url, thumbUrl, null);
		}

		@JsonCreator
		static Link read(@JsonProperty("title") String title, @JsonProperty("description") String description,
				@JsonProperty("url") String url, @JsonProperty("thumbUrl") String thumbUrl,
				@JsonProperty("tracked") Boolean tracked, @JsonProperty("utm") Map<String, String> utm) {
			return new Link(title, description, url, thumbUrl, Tracking.of(tracked, utm));
		}

		@JsonProperty("tracked")
		Boolean tracked() {
			return Tracking.tracked(this.tracking);
		}

		@JsonProperty("utm")
		Map<String, String> utm() {
			return Tracking.utm(this.tracking);
		}

	}

	/** An image stored as a kefu asset. */
	record Image(String assetId) implements Reply {
	}

	/**
	 * A mini program card whose thumbnail is a kefu asset.
	 *
	 * @param tracking when not {@code null}, the page path carries
	 * {@code kefu_link=<code>}, a code of the delivery that the mini program reports back
	 * when the page opens (no {@code utm_*} parameters: nothing is redirected)
	 */
	record MiniProgramPage(String title, String pagePath, String thumbAssetId,
			@JsonIgnore Tracking tracking) implements Reply {

		/** An untracked mini program card. */
		public MiniProgramPage(String title, String pagePath, String thumbAssetId) {
			this(title, pagePath, thumbAssetId, null);
		}

		@JsonCreator
		static MiniProgramPage read(@JsonProperty("title") String title, @JsonProperty("pagePath") String pagePath,
				@JsonProperty("thumbAssetId") String thumbAssetId, @JsonProperty("tracked") Boolean tracked,
				@JsonProperty("utm") Map<String, String> utm) {
			return new MiniProgramPage(title, pagePath, thumbAssetId, Tracking.of(tracked, utm));
		}

		@JsonProperty("tracked")
		Boolean tracked() {
			return Tracking.tracked(this.tracking);
		}

		@JsonProperty("utm")
		Map<String, String> utm() {
			return Tracking.utm(this.tracking);
		}

	}

	/**
	 * A tracked link: each delivery carries a short URL of its own on kefu's public
	 * address, which redirects to the link's URL with these {@code utm_*} parameters
	 * added.
	 *
	 * @param utm parameter names without the {@code utm_} prefix ({@link #UTM_NAMES}) and
	 * their values; kept in the order of {@link #UTM_NAMES}
	 */
	record Tracking(Map<String, String> utm) {

		/**
		 * The {@code utm_*} parameters an operator may set, in the order they are added.
		 */
		public static final List<String> UTM_NAMES = List.of("source", "medium", "campaign", "term", "content");

		public Tracking {
			Map<String, String> ordered = new LinkedHashMap<>();
			for (String name : UTM_NAMES) {
				if (utm != null && utm.get(name) != null) {
					ordered.put(name, utm.get(name));
				}
			}
			utm = Collections.unmodifiableMap(ordered);
		}

		/** Tracked, with no parameters added. */
		public static Tracking plain() {
			return new Tracking(Map.of());
		}

		/**
		 * The tracking a reply's JSON fields describe: none unless
		 * {@code "tracked": true}.
		 */
		static Tracking of(Boolean tracked, Map<String, String> utm) {
			return Boolean.TRUE.equals(tracked) ? new Tracking(utm) : null;
		}

		static Boolean tracked(Tracking tracking) {
			return (tracking != null) ? Boolean.TRUE : null;
		}

		static Map<String, String> utm(Tracking tracking) {
			return (tracking != null && !tracking.utm().isEmpty()) ? tracking.utm() : null;
		}

	}

}
