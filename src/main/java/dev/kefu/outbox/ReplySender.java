package dev.kefu.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.kefu.links.TextUrls;
import dev.kefu.links.TrackedLink;
import dev.kefu.links.TrackedLinks;
import dev.kefu.media.MediaIds;
import dev.kefu.rules.Reply;
import dev.kefu.wechat.api.ApiError;
import dev.kefu.wechat.api.ApiResult;
import dev.kefu.wechat.api.AppCredentials;
import dev.kefu.wechat.api.CustomerServiceMessage;
import dev.kefu.wechat.api.TypingCommand;
import dev.kefu.wechat.api.WeChatApi;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Sends one reply part through WeChat's customer-service API. Images (and mini program
 * thumbnails) are sent by media_id: when the asset has no live one yet, the user is shown
 * "typing…" while it is uploaded, and a media_id WeChat rejects (40007) is replaced by a
 * new upload and the send repeated once. A tracked link is sent as the short URL of its
 * delivery ({@link TrackedLinks}), and a tracked text with each of its URLs so
 * ({@link TextUrls}).
 */
@Component
class ReplySender {

	private final WeChatApi api;

	private final MediaIds mediaIds;

	private final TrackedLinks links;

	ReplySender(WeChatApi api, MediaIds mediaIds, TrackedLinks links) {
		this.api = api;
		this.mediaIds = mediaIds;
		this.links = links;
	}

	ApiResult<Void> send(AppCredentials app, Delivery part, String replyJson) {
		String openId = part.openId();
		Reply reply = DeliveryStore.reply(part.type(), replyJson);
		if (reply instanceof Reply.Link link && link.tracking() != null) {
			return sendTracked(app, part, (issuer) -> {
				String url = issuer.issue(0, link.url(), link.tracking().utm()).url();
				return () -> this.api.send(app, openId,
						new CustomerServiceMessage.Link(link.title(), link.description(), url, link.thumbUrl()));
			});
		}
		if (reply instanceof Reply.Text text && text.tracking() != null) {
			// each URL of the text as a short URL of its own (slot: its position in the
			// text)
			return sendTracked(app, part, (issuer) -> {
				String content = TextUrls.replace(text.content(),
						(slot, url) -> issuer.issue(slot, url, text.tracking().utm()).url());
				return () -> this.api.send(app, openId, new CustomerServiceMessage.Text(content));
			});
		}
		if (reply instanceof Reply.MiniProgramPage page && page.tracking() != null) {
			// the page path with kefu_link=<code> added, which the mini program reports
			// back
			return sendTracked(app, part, (issuer) -> {
				String code = issuer.issue(0, page.pagePath(), null).code();
				String path = (code == null) ? page.pagePath() : page.pagePath()
						+ (page.pagePath().contains("?") ? "&" : "?") + TrackedLinks.PAGE_PARAMETER + "=" + code;
				return () -> withMedia(app, openId, page.thumbAssetId(),
						(mediaId) -> new CustomerServiceMessage.MiniProgramPage(page.title(), path, mediaId));
			});
		}
		String assetId = OutgoingMessage.assetOf(reply);
		if (assetId == null) {
			return this.api.send(app, openId, OutgoingMessage.of(reply, null));
		}
		return withMedia(app, openId, assetId, (mediaId) -> OutgoingMessage.of(reply, mediaId));
	}

	/**
	 * Stores a short URL of the part being sent: its slot, where it leads and its utm
	 * parameters.
	 */
	@FunctionalInterface
	private interface Issuer {

		TrackedLinks.Issued issue(int slot, String target, Map<String, String> utm);

	}

	/**
	 * Sends a part whose message carries short URLs: {@code prepare} stores them through
	 * the issuer it is given and answers the send; once WeChat accepted the message they
	 * are recorded as sent.
	 */
	private ApiResult<Void> sendTracked(AppCredentials app, Delivery part,
			Function<Issuer, Supplier<ApiResult<Void>>> prepare) {
		List<TrackedLink> tracked = new ArrayList<>();
		List<TrackedLinks.Issued> issued = new ArrayList<>();
		Supplier<ApiResult<Void>> send;
		try {
			send = prepare.apply((slot, target, utm) -> {
				TrackedLink link = new TrackedLink(part.appId(), app.sandbox(), part.ruleId(), part.id(), slot,
						part.openId(), target, utm);
				TrackedLinks.Issued one = this.links.issue(link);
				tracked.add(link);
				issued.add(one);
				return one;
			});
		}
		catch (DataAccessException ex) {
			// a link must be stored before it is handed out: try the part again later
			return ApiResult.failed(new ApiError(ApiError.Kind.TRANSIENT, null,
					"could not store the tracked link: " + ex.getClass().getSimpleName()));
		}
		ApiResult<Void> sent = send.get();
		if (sent.isOk()) {
			for (int i = 0; i < tracked.size(); i++) {
				this.links.sent(tracked.get(i), issued.get(i));
			}
		}
		return sent;
	}

	private ApiResult<Void> withMedia(AppCredentials app, String openId, String assetId,
			Function<String, CustomerServiceMessage> message) {
		if (this.mediaIds.cached(assetId).isEmpty()) {
			// Best effort: the upload may take a while, and a refused typing state
			// changes nothing.
			this.api.setTyping(app, openId, TypingCommand.TYPING);
		}
		ApiResult<String> mediaId = this.mediaIds.mediaId(app, assetId);
		if (!mediaId.isOk()) {
			return ApiResult.failed(mediaId.error());
		}
		ApiResult<Void> sent = this.api.send(app, openId, message.apply(mediaId.value()));
		if (sent.isOk() || sent.error().kind() != ApiError.Kind.MEDIA_INVALID) {
			return sent;
		}
		ApiResult<String> renewed = this.mediaIds.renew(app, assetId, mediaId.value());
		if (!renewed.isOk()) {
			return ApiResult.failed(renewed.error());
		}
		return this.api.send(app, openId, message.apply(renewed.value()));
	}

}
