package dev.kefu.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer-service message to send, as an operator configured it. Images are kefu assets
 * ({@code dev.kefu.media}); delivery turns them into WeChat media ids.
 */
public sealed interface Reply permits Reply.Text, Reply.Link, Reply.Image, Reply.MiniProgramPage {

	/**
	 * A text message; may contain mini program text links.
	 * @param tracking when not {@code null}, each http(s) URL in {@code content} (bare or an
	 * {@code <a href>}) is sent as a short URL of its own, like a tracked link card's
	 */
	record Text(String content, Tracking tracking) implements Reply {

		/** A text sent as it is. */
		public Text(String content) {
			this(content, null);
		}

	}

	/**
	 * A link card; {@code thumbUrl} may be {@code null}.
	 * @param tracking how the link is tracked, or {@code null} when the card carries {@code url}
	 * itself
	 */
	record Link(String title, String description, String url, String thumbUrl, Tracking tracking) implements Reply {

		/** An untracked link card. */
		public Link(String title, String description, String url, String thumbUrl) {
			this(title, description, url, thumbUrl, null);
		}

	}

	/** An image stored as a kefu asset. */
	record Image(String assetId) implements Reply {
	}

	/**
	 * A mini program card whose thumbnail is a kefu asset.
	 * @param tracking when not {@code null}, the page path carries {@code kefu_link=<code>}, a
	 * code of the delivery that the mini program reports back when the page opens (no
	 * {@code utm_*} parameters: nothing is redirected)
	 */
	record MiniProgramPage(String title, String pagePath, String thumbAssetId, Tracking tracking) implements Reply {

		/** An untracked mini program card. */
		public MiniProgramPage(String title, String pagePath, String thumbAssetId) {
			this(title, pagePath, thumbAssetId, null);
		}

	}

	/**
	 * A tracked link: each delivery carries a short URL of its own on kefu's public address,
	 * which redirects to the link's URL with these {@code utm_*} parameters added.
	 * @param utm parameter names without the {@code utm_} prefix ({@link #UTM_NAMES}) and their
	 * values; kept in the order of {@link #UTM_NAMES}
	 */
	record Tracking(Map<String, String> utm) {

		/** The {@code utm_*} parameters an operator may set, in the order they are added. */
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

	}

}
