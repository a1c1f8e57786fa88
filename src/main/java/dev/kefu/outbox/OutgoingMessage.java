package dev.kefu.outbox;

import dev.kefu.rules.Reply;
import dev.kefu.wechat.api.CustomerServiceMessage;

/**
 * The customer-service message a reply goes out as: the one mapping from a {@link Reply}
 * to what {@code customerServiceMessage.send} carries, used to send and (by the test
 * console) to show what would be sent.
 */
public final class OutgoingMessage {

	private OutgoingMessage() {
	}

	/**
	 * @param reply what to send; a tracked link as it is, without the short URL its
	 * delivery gets
	 * @param mediaId the WeChat media_id of the reply's image or mini program thumbnail;
	 * ignored for text and links
	 */
	public static CustomerServiceMessage of(Reply reply, String mediaId) {
		if (reply instanceof Reply.Text text) {
			return new CustomerServiceMessage.Text(text.content());
		}
		if (reply instanceof Reply.Link link) {
			return new CustomerServiceMessage.Link(link.title(), link.description(), link.url(), link.thumbUrl());
		}
		if (reply instanceof Reply.Image) {
			return new CustomerServiceMessage.Image(mediaId);
		}
		Reply.MiniProgramPage page = (Reply.MiniProgramPage) reply;
		return new CustomerServiceMessage.MiniProgramPage(page.title(), page.pagePath(), mediaId);
	}

	/** The asset whose media_id the reply needs, or {@code null} for text and links. */
	public static String assetOf(Reply reply) {
		if (reply instanceof Reply.Image image) {
			return image.assetId();
		}
		return (reply instanceof Reply.MiniProgramPage page) ? page.thumbAssetId() : null;
	}

}
