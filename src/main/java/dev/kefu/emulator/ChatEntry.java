package dev.kefu.emulator;

import java.time.Instant;
import java.util.List;

/**
 * One line of a conversation as the user's chat window shows it: what the user did, what
 * reached them through the API, and the notices WeChat shows (a hand-over, a failing
 * service, a refused reply). {@link #kind()} names the template fragment that renders it.
 */
sealed interface ChatEntry {

	Instant at();

	String kind();

	/** The user typed a text. */
	record UserText(Instant at, String content) implements ChatEntry {
		public String kind() {
			return "user-text";
		}
	}

	/** The user sent an image (its media_id is in {@link TemporaryMedia}). */
	record UserImage(Instant at, String mediaId) implements ChatEntry {
		public String kind() {
			return "user-image";
		}
	}

	/** The user shared a mini program card. */
	record UserCard(Instant at, String title, String pagePath, String thumbMediaId) implements ChatEntry {
		public String kind() {
			return "user-card";
		}
	}

	/**
	 * The user opened the chat from a contact button with this session-from (nullable).
	 */
	record UserEntered(Instant at, String sessionFrom) implements ChatEntry {
		public String kind() {
			return "user-entered";
		}
	}

	/** A text reply, split into plain runs and the links WeChat renders as links. */
	record ReplyText(Instant at, List<TextRun> runs) implements ChatEntry {
		public String kind() {
			return "reply-text";
		}
	}

	/** An image reply. */
	record ReplyImage(Instant at, String mediaId) implements ChatEntry {
		public String kind() {
			return "reply-image";
		}
	}

	/** A link card. */
	record ReplyLink(Instant at, String title, String description, String url, String thumbUrl) implements ChatEntry {
		public String kind() {
			return "reply-link";
		}

		/**
		 * The target if it is http(s), else {@code null}: the card is then not clickable.
		 */
		public String safeUrl() {
			return httpOnly(this.url);
		}

		/** The cover if it is http(s), else {@code null}. */
		public String safeThumbUrl() {
			return httpOnly(this.thumbUrl);
		}
	}

	/** A mini program card. */
	record ReplyMiniProgram(Instant at, String title, String pagePath, String thumbMediaId,
			String appName) implements ChatEntry {
		public String kind() {
			return "reply-miniprogram";
		}
	}

	/**
	 * The push was answered with transfer_customer_service: the user is handed to a human
	 * agent.
	 */
	record Transferred(Instant at) implements ChatEntry {
		public String kind() {
			return "transferred";
		}
	}

	/**
	 * The callback failed; WeChat shows the user a system notice. {@code detail} is for
	 * the developer.
	 */
	record ServiceFailed(Instant at, String detail) implements ChatEntry {
		public String kind() {
			return "service-failed";
		}
	}

	/**
	 * The API refused a reply or typing for this user; WeChat shows nothing, the emulator
	 * does.
	 */
	record Refused(Instant at, String api, int errcode, String errmsg) implements ChatEntry {
		public String kind() {
			return "refused";
		}
	}

	private static String httpOnly(String url) {
		if (url == null) {
			return null;
		}
		String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
		return (lower.startsWith("https://") || lower.startsWith("http://")) ? url.strip() : null;
	}

	/**
	 * A run of a text reply: plain text, or a link with its target (http(s) URL or mini
	 * program page).
	 */
	record TextRun(String text, String href, String miniProgramPath) {

		public boolean link() {
			return this.href != null || this.miniProgramPath != null;
		}

	}

}
