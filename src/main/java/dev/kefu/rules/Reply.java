package dev.kefu.rules;

/**
 * One customer-service message to send, as an operator configured it. Images are kefu assets
 * ({@code dev.kefu.media}); delivery turns them into WeChat media ids.
 */
public sealed interface Reply permits Reply.Text, Reply.Link, Reply.Image, Reply.MiniProgramPage {

	/** A text message; may contain mini program text links. */
	record Text(String content) implements Reply {
	}

	/** A link card; {@code thumbUrl} may be {@code null}. */
	record Link(String title, String description, String url, String thumbUrl) implements Reply {
	}

	/** An image stored as a kefu asset. */
	record Image(String assetId) implements Reply {
	}

	/** A mini program card whose thumbnail is a kefu asset. */
	record MiniProgramPage(String title, String pagePath, String thumbAssetId) implements Reply {
	}

}
