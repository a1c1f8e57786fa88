package dev.kefu.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
			return sendTracked(app, part, link);
		}
		if (reply instanceof Reply.Text text && text.tracking() != null) {
			return sendTrackedText(app, part, text);
		}
		if (reply instanceof Reply.MiniProgramPage page && page.tracking() != null) {
			return sendTrackedPage(app, part, page);
		}
		String assetId = OutgoingMessage.assetOf(reply);
		if (assetId == null) {
			return this.api.send(app, openId, OutgoingMessage.of(reply, null));
		}
		return withMedia(app, openId, assetId, (mediaId) -> OutgoingMessage.of(reply, mediaId));
	}

	/**
	 * The page path with {@code kefu_link=<code>} added, which the mini program reports
	 * back.
	 */
	private ApiResult<Void> sendTrackedPage(AppCredentials app, Delivery part, Reply.MiniProgramPage page) {
		TrackedLink tracked = new TrackedLink(part.appId(), app.sandbox(), part.ruleId(), part.id(), 0, part.openId(),
				page.pagePath(), null);
		TrackedLinks.Issued issued;
		try {
			issued = this.links.issue(tracked);
		}
		catch (DataAccessException ex) {
			return ApiResult.failed(new ApiError(ApiError.Kind.TRANSIENT, null,
					"could not store the tracked link: " + ex.getClass().getSimpleName()));
		}
		String path = (issued.code() == null) ? page.pagePath() : page.pagePath()
				+ (page.pagePath().contains("?") ? "&" : "?") + TrackedLinks.PAGE_PARAMETER + "=" + issued.code();
		ApiResult<Void> sent = withMedia(app, part.openId(), page.thumbAssetId(),
				(mediaId) -> new CustomerServiceMessage.MiniProgramPage(page.title(), path, mediaId));
		if (sent.isOk()) {
			this.links.sent(tracked, issued);
		}
		return sent;
	}

	private ApiResult<Void> sendTracked(AppCredentials app, Delivery part, Reply.Link link) {
		TrackedLink tracked = new TrackedLink(part.appId(), app.sandbox(), part.ruleId(), part.id(), 0, part.openId(),
				link.url(), link.tracking().utm());
		TrackedLinks.Issued issued;
		try {
			issued = this.links.issue(tracked);
		}
		catch (DataAccessException ex) {
			// the link must be stored before it is handed out: try the part again later
			return ApiResult.failed(new ApiError(ApiError.Kind.TRANSIENT, null,
					"could not store the tracked link: " + ex.getClass().getSimpleName()));
		}
		ApiResult<Void> sent = this.api.send(app, part.openId(),
				new CustomerServiceMessage.Link(link.title(), link.description(), issued.url(), link.thumbUrl()));
		if (sent.isOk()) {
			this.links.sent(tracked, issued);
		}
		return sent;
	}

	/**
	 * Each URL of the text as a short URL of its own (slot: its position in the text).
	 */
	private ApiResult<Void> sendTrackedText(AppCredentials app, Delivery part, Reply.Text text) {
		List<TrackedLink> tracked = new ArrayList<>();
		List<TrackedLinks.Issued> issued = new ArrayList<>();
		String content;
		try {
			content = TextUrls.replace(text.content(), (slot, url) -> {
				TrackedLink link = new TrackedLink(part.appId(), app.sandbox(), part.ruleId(), part.id(), slot,
						part.openId(), url, text.tracking().utm());
				TrackedLinks.Issued one = this.links.issue(link);
				tracked.add(link);
				issued.add(one);
				return one.url();
			});
		}
		catch (DataAccessException ex) {
			return ApiResult.failed(new ApiError(ApiError.Kind.TRANSIENT, null,
					"could not store the tracked link: " + ex.getClass().getSimpleName()));
		}
		ApiResult<Void> sent = this.api.send(app, part.openId(), new CustomerServiceMessage.Text(content));
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
