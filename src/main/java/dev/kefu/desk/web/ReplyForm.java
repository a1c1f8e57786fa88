package dev.kefu.desk.web;

import dev.kefu.media.Assets;
import dev.kefu.rules.Reply;

/**
 * A reply as the desk's reply form and the quick reply form send it: the type and the
 * fields of each type. Checked here, with a message key for the form when a field is
 * wrong.
 *
 * @param tracked whether a link card is sent as a tracked short URL (the desk's "track
 * taps" box); the quick reply form has no such box, so the library keeps links untracked
 * and the agent decides when sending
 */
record ReplyForm(String type, String content, String title, String description, String url, String assetId,
		String pagePath, String thumbAssetId, Boolean tracked) {

	static final int MAX_TEXT = 2000;

	static final int MAX_TITLE = 128;

	static final int MAX_DESCRIPTION = 512;

	static final int MAX_URL = 1024;

	static final int MAX_PAGE_PATH = 512;

	/** The reply, or why not: a message key. */
	record Checked(Reply reply, String problem) {
	}

	/** The form filled with a reply's fields, as the quick reply form starts. */
	static ReplyForm of(Reply reply) {
		if (reply instanceof Reply.Link link) {
			return new ReplyForm("link", null, link.title(), link.description(), link.url(), null, null, null, null);
		}
		if (reply instanceof Reply.Image image) {
			return new ReplyForm("image", null, null, null, null, image.assetId(), null, null, null);
		}
		if (reply instanceof Reply.MiniProgramPage page) {
			return new ReplyForm("miniprogrampage", null, page.title(), null, null, null, page.pagePath(),
					page.thumbAssetId(), null);
		}
		if (reply instanceof Reply.Text text) {
			return new ReplyForm("text", text.content(), null, null, null, null, null, null, null);
		}
		throw new IllegalArgumentException("Not a reply an agent sends: " + reply.getClass().getSimpleName());
	}

	Checked check(String appId, Assets assets) {
		String kind = (this.type != null) ? this.type : "text";
		return switch (kind) {
			case "text" -> {
				String text = strip(this.content);
				yield new Checked(new Reply.Text(text),
						text.isEmpty() ? "desk.error.empty" : (text.length() > MAX_TEXT) ? "desk.error.tooLong" : null);
			}
			case "link" -> {
				String link = strip(this.url);
				String title = strip(this.title);
				String description = strip(this.description);
				String problem = title.isEmpty() ? "desk.error.title"
						: !(link.startsWith("https://") || link.startsWith("http://")) ? "desk.error.url"
								: (title.length() > MAX_TITLE || description.length() > MAX_DESCRIPTION
										|| link.length() > MAX_URL) ? "desk.error.fieldTooLong" : null;
				yield new Checked(new Reply.Link(title, description, link, null,
						Boolean.TRUE.equals(this.tracked) ? Reply.Tracking.plain() : null), problem);
			}
			case "image" -> new Checked(new Reply.Image(this.assetId),
					isAsset(appId, this.assetId, assets) ? null : "desk.error.image");
			case "miniprogrampage" -> {
				String title = strip(this.title);
				String path = strip(this.pagePath);
				String problem = title.isEmpty() ? "desk.error.title"
						: path.isEmpty() ? "desk.error.pagePath"
								: (title.length() > MAX_TITLE || path.length() > MAX_PAGE_PATH)
										? "desk.error.fieldTooLong"
										: !isAsset(appId, this.thumbAssetId, assets) ? "desk.error.thumb" : null;
				yield new Checked(new Reply.MiniProgramPage(title, path, this.thumbAssetId), problem);
			}
			default -> new Checked(null, "desk.error.type");
		};
	}

	private static boolean isAsset(String appId, String assetId, Assets assets) {
		return assetId != null && !assetId.isBlank() && assets.find(appId, assetId).isPresent();
	}

	private static String strip(String value) {
		return (value != null) ? value.strip() : "";
	}

}
