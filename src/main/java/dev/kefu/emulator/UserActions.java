package dev.kefu.emulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import dev.kefu.wechat.push.PushMessage;

/**
 * What a user does in the mini program's customer-service chat, done as WeChat does it:
 * the action shows in the chat and opens the reply window (a message: 5 sends within 48
 * h; entering the chat: 2 within 1 minute) whatever the developer's server does, and is
 * pushed to the app's callback. The push's fate then shows in the chat as WeChat shows
 * it: nothing on success, a hand-over notice on a transfer, a failure notice when the
 * server failed.
 */
@Component
class UserActions {

	private final Conversations conversations;

	private final TemporaryMedia media;

	private final Pusher pusher;

	private final PushLog log;

	private final EmulatorTime time;

	private final SecureRandom random = new SecureRandom();

	UserActions(Conversations conversations, TemporaryMedia media, Pusher pusher, PushLog log, EmulatorTime time) {
		this.conversations = conversations;
		this.media = media;
		this.pusher = pusher;
		this.log = log;
		this.time = time;
	}

	/** The user types a text. */
	CompletableFuture<PushOutcome> say(EmulatedApp app, String userName, String content) {
		Conversation conversation = this.conversations.of(app.appId(), userName);
		conversation.userActed(Conversation.Cause.USER_MESSAGE, new ChatEntry.UserText(this.time.now(), content));
		return push(app, conversation,
				PushMessage.text(app.originalId(), conversation.openId(), createTime(), msgId(), content));
	}

	/**
	 * The user sends an image; {@code baseUrl} is where this emulator is reachable, for
	 * the push's {@code PicUrl}.
	 * @throws Refusal 40004/40006 when it is not an image WeChat would take
	 */
	CompletableFuture<PushOutcome> sendImage(EmulatedApp app, String userName, String fileName, byte[] image,
			String baseUrl) {
		TemporaryMedia.Medium medium = this.media.store(app.appId(), fileName, image);
		Conversation conversation = this.conversations.of(app.appId(), userName);
		conversation.userActed(Conversation.Cause.USER_MESSAGE,
				new ChatEntry.UserImage(this.time.now(), medium.mediaId()));
		String picUrl = baseUrl + "/emulator/media/" + medium.mediaId();
		return push(app, conversation, PushMessage.image(app.originalId(), conversation.openId(), createTime(), msgId(),
				picUrl, medium.mediaId()));
	}

	/**
	 * The user shares a mini program card (the mini program's own page); its cover is
	 * kept as temporary media, like an image.
	 */
	CompletableFuture<PushOutcome> shareCard(EmulatedApp app, String userName, String title, String pagePath,
			String baseUrl) {
		TemporaryMedia.Medium cover = this.media.store(app.appId(), "cover.png", SampleImage.PNG);
		Conversation conversation = this.conversations.of(app.appId(), userName);
		conversation.userActed(Conversation.Cause.USER_MESSAGE,
				new ChatEntry.UserCard(this.time.now(), title, pagePath, cover.mediaId()));
		String thumbUrl = baseUrl + "/emulator/media/" + cover.mediaId();
		return push(app, conversation, PushMessage.miniProgramPage(app.originalId(), conversation.openId(),
				createTime(), msgId(), title, app.appId(), pagePath, thumbUrl, cover.mediaId()));
	}

	/**
	 * The user opens the chat from a contact button whose session-from is
	 * {@code sessionFrom} (nullable).
	 */
	CompletableFuture<PushOutcome> enter(EmulatedApp app, String userName, String sessionFrom) {
		Conversation conversation = this.conversations.of(app.appId(), userName);
		String from = (sessionFrom == null || sessionFrom.isBlank()) ? null : sessionFrom;
		conversation.userActed(Conversation.Cause.ENTERED_CHAT, new ChatEntry.UserEntered(this.time.now(), from));
		return push(app, conversation,
				PushMessage.userEnterTempSession(app.originalId(), conversation.openId(), createTime(), from));
	}

	private CompletableFuture<PushOutcome> push(EmulatedApp app, Conversation conversation, PushMessage message) {
		return this.pusher.push(app, message).thenApply((outcome) -> {
			this.log.add(outcome);
			Instant now = this.time.now();
			switch (outcome.status()) {
				case ACKNOWLEDGED, IGNORED -> {
				}
				case TRANSFERRED -> conversation.show(new ChatEntry.Transferred(now));
				case FAILED -> conversation.show(new ChatEntry.ServiceFailed(now, outcome.detail()));
			}
			return outcome;
		});
	}

	/**
	 * {@code CreateTime}: real unix seconds, since the receiver may compare them with its
	 * clock.
	 */
	private long createTime() {
		return this.time.wallClock().getEpochSecond();
	}

	/**
	 * A 19-digit {@code MsgId}, beyond 2^53 like WeChat's, so receivers must not parse it
	 * as a double.
	 */
	private String msgId() {
		return Long.toString(6_000_000_000_000_000_000L + this.random.nextLong(3_000_000_000_000_000_000L));
	}

}
