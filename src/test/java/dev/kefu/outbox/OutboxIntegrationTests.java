package dev.kefu.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.kefu.FakeWeChat.Answer;
import dev.kefu.FakeWeChat.Sent;
import dev.kefu.FakeWeChatContext;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import dev.kefu.rules.ReplyPlanned.Cause;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Planned replies through the outbox to a fake WeChat, end to end within one instance.
 */
class OutboxIntegrationTests extends FakeWeChatContext {

	@Autowired
	Deliveries deliveries;

	@Test
	void sendsTheRepliesOfAMessageInOrder() {
		String appId = registerApp();
		String user = newUser();

		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("first"),
				new Reply.Link("下载APP", "点这里", "https://example.com/app?from=kefu", null), new Reply.Text("third"));

		List<Sent> sent = await().until(() -> wechat.sentTo(user), (list) -> list.size() == 3);
		assertThat(sent).extracting(Sent::msgType).containsExactly("text", "link", "text");
		assertThat(sent.get(0).text()).isEqualTo("first");
		assertThat(sent.get(1).object().path("title").asString()).isEqualTo("下载APP");
		assertThat(sent.get(1).object().path("thumb_url").asString()).isEmpty();
		assertThat(sent.get(2).text()).isEqualTo("third");
		await().until(() -> statuses(appId, user),
				(statuses) -> statuses.stream().allMatch(DeliveryStatus.SENT::equals));
		assertThat(wechat.tokenFetches(appId)).isEqualTo(1);
	}

	@Test
	void welcomeWithThreePartsSendsTwo() {
		String appId = registerApp();
		String user = newUser();

		plan(appId, user, Cause.ENTERED_CHAT, Instant.now(), new Reply.Text("w1"), new Reply.Text("w2"),
				new Reply.Text("w3"));

		await().until(() -> statuses(appId, user), (statuses) -> statuses
			.equals(List.of(DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.SKIPPED_QUOTA)));
		assertThat(wechat.sentTo(user)).extracting(Sent::text).containsExactly("w1", "w2");
	}

	@Test
	void userMessageAllowsFiveSends() {
		String appId = registerApp();
		String user = newUser();

		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), texts(7));

		await().until(() -> statuses(appId, user),
				(statuses) -> statuses
					.equals(List.of(DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.SENT,
							DeliveryStatus.SENT, DeliveryStatus.SKIPPED_QUOTA, DeliveryStatus.SKIPPED_QUOTA)));
		assertThat(wechat.sentTo(user)).hasSize(5);
	}

	@Test
	void aNewUserActionResetsTheAllowance() {
		String appId = registerApp();
		String user = newUser();
		Instant entered = Instant.now();
		plan(appId, user, Cause.ENTERED_CHAT, entered, texts(3));
		await().until(() -> wechat.sentTo(user).size() == 2);

		plan(appId, user, Cause.USER_MESSAGE, entered.plusSeconds(5), texts(4));

		await().until(() -> wechat.sentTo(user).size() == 6);
		assertThat(this.deliveries.list(appId, DeliveryStatus.SKIPPED_QUOTA, user, 10)).hasSize(1);
	}

	@Test
	void partsWhoseWindowHasClosedExpireUnsent() {
		String appId = registerApp();
		String user = newUser();

		plan(appId, user, Cause.ENTERED_CHAT, Instant.now().minus(Duration.ofMinutes(2)), new Reply.Text("too late"));

		await().until(() -> statuses(appId, user), (statuses) -> statuses.equals(List.of(DeliveryStatus.EXPIRED)));
		assertThat(wechat.sentTo(user)).isEmpty();
	}

	@Test
	void transientErrorsAreRetriedUntilSent() {
		String appId = registerApp();
		String user = newUser();
		wechat.answer(user, Answer.http(503), Answer.errcode(-1));

		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("eventually"), new Reply.Text("after"));

		await().until(() -> statuses(appId, user),
				(statuses) -> statuses.equals(List.of(DeliveryStatus.SENT, DeliveryStatus.SENT)));
		assertThat(wechat.sentTo(user)).extracting(Sent::text).containsExactly("eventually", "after");
		Delivery first = byPart(appId, user).get(0);
		assertThat(first.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(first.attempts()).isEqualTo(3);
		assertThat(first.lastErrcode()).isEqualTo(-1);
	}

	@Test
	void aDeliveryThatKeepsFailingTransientlyFailsAfterEightAttempts() {
		String appId = registerApp();
		String user = newUser();
		wechat.answer(user,
				java.util.stream.IntStream.range(0, 8).mapToObj((i) -> Answer.http(502)).toArray(Answer[]::new));

		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("never"));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> statuses(appId, user), (statuses) -> statuses.equals(List.of(DeliveryStatus.FAILED)));
		Delivery failed = byPart(appId, user).get(0);
		assertThat(failed.attempts()).isEqualTo(8);
		assertThat(failed.lastErrmsg()).isEqualTo("HTTP 502");
		assertThat(wechat.sentTo(user)).isEmpty();
	}

	@Test
	void windowClosedExpiresTheWholeReplyWithoutRetrying() {
		String appId = registerApp();
		String user = newUser();
		wechat.answer(user, Answer.errcode(45015));

		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("a"), new Reply.Text("b"));

		await().until(() -> statuses(appId, user),
				(statuses) -> statuses.equals(List.of(DeliveryStatus.EXPIRED, DeliveryStatus.EXPIRED)));
		assertThat(byPart(appId, user)).extracting(Delivery::lastErrcode).containsExactly(45015, 45015);
		assertThat(byPart(appId, user).get(0).attempts()).isEqualTo(1);
		assertThat(byPart(appId, user).get(1).attempts()).isZero();
		assertThat(wechat.sentTo(user)).isEmpty();
	}

	@Test
	void quotaUsedUpExpiresWithoutRetrying() {
		String appId = registerApp();
		String user = newUser();
		wechat.answer(user, Answer.errcode(45047));

		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("a"));

		await().until(() -> statuses(appId, user), (statuses) -> statuses.equals(List.of(DeliveryStatus.EXPIRED)));
		assertThat(byPart(appId, user).get(0).lastErrcode()).isEqualTo(45047);
		assertThat(byPart(appId, user).get(0).attempts()).isEqualTo(1);
	}

	@Test
	void permanentErrorIsADeadLetterAndTheNextPartStillGoes() {
		String appId = registerApp();
		String user = newUser();
		wechat.answer(user, Answer.errcode(40003));

		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("lost"), new Reply.Text("delivered"));

		await().until(() -> statuses(appId, user),
				(statuses) -> statuses.equals(List.of(DeliveryStatus.FAILED, DeliveryStatus.SENT)));
		assertThat(byPart(appId, user).get(0).lastErrcode()).isEqualTo(40003);
		assertThat(byPart(appId, user).get(0).attempts()).isEqualTo(1);
		assertThat(wechat.sentTo(user)).extracting(Sent::text).containsExactly("delivered");
	}

	@Test
	void rejectedTokenIsRefreshedAndTheSendRetried() {
		String appId = registerApp();
		String user = newUser();
		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("one"));
		await().until(() -> wechat.sentTo(user).size() == 1);

		wechat.rotateToken(appId);
		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("two"));

		await().until(() -> statuses(appId, user),
				(statuses) -> statuses.equals(List.of(DeliveryStatus.SENT, DeliveryStatus.SENT)));
		assertThat(wechat.sentTo(user)).hasSize(2);
		assertThat(wechat.tokenFetches(appId)).isEqualTo(2);
		assertThat(byPart(appId, user)).allSatisfy((d) -> assertThat(d.attempts()).isEqualTo(1));
	}

	@Test
	void aReplyPlannedTwiceIsRefusedTheSecondTimeAndDeliveredOnce() {
		String appId = registerApp();
		String user = newUser();
		ReplyPlanned planned = new ReplyPlanned("message-" + user, appId, user, Cause.USER_MESSAGE, Instant.now(), null,
				List.of(new Reply.Text("once")));

		publish(planned);
		// the deliveries' unique (message, part) refuses a second plan, and its
		// transaction rolls back
		assertThatThrownBy(() -> publish(planned)).isInstanceOf(DuplicateKeyException.class);

		await().until(() -> statuses(appId, user), (statuses) -> statuses.equals(List.of(DeliveryStatus.SENT)));
		assertThat(wechat.sentTo(user)).hasSize(1);
	}

	@Test
	void repliesOfAnAppKefuDoesNotServeFail() {
		String user = newUser();

		plan("wx00000000deadbeef", user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("nobody"));

		await().until(() -> statuses("wx00000000deadbeef", user),
				(statuses) -> statuses.equals(List.of(DeliveryStatus.FAILED)));
		assertThat(byPart("wx00000000deadbeef", user).get(0).lastErrmsg()).contains("does not serve");
	}

	@Test
	void imagesAreUploadedOnceShowingTypingAndReusedByLaterReplies() {
		String appId = registerApp();
		String user = newUser();
		String assetId = asset(appId, "qr.png");

		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Image(assetId),
				new Reply.MiniProgramPage("打开小程序", "pages/index/index?from=kefu", assetId));
		await().until(() -> wechat.sentTo(user).size() == 2);
		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Image(assetId));
		await().until(() -> wechat.sentTo(user).size() == 3);

		List<Sent> sent = wechat.sentTo(user);
		String mediaId = sent.get(0).object().path("media_id").asString();
		assertThat(sent.get(1).object().path("thumb_media_id").asString()).isEqualTo(mediaId);
		assertThat(sent.get(1).object().path("pagepath").asString()).isEqualTo("pages/index/index?from=kefu");
		assertThat(sent.get(2).object().path("media_id").asString()).isEqualTo(mediaId);
		assertThat(wechat.uploads()).filteredOn((upload) -> upload.appId().equals(appId)).hasSize(1);
		assertThat(wechat.typingTo()).containsOnlyOnce(user);
	}

	@Test
	void anExpiredMediaIdIsUploadedAgainAndTheImageSent() {
		String appId = registerApp();
		String user = newUser();
		String assetId = asset(appId, "banner.jpg");
		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Image(assetId));
		await().until(() -> wechat.sentTo(user).size() == 1);

		wechat.expireMedia(wechat.sentTo(user).get(0).object().path("media_id").asString());
		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Image(assetId));

		await().until(() -> statuses(appId, user),
				(statuses) -> statuses.equals(List.of(DeliveryStatus.SENT, DeliveryStatus.SENT)));
		assertThat(wechat.uploads()).filteredOn((upload) -> upload.appId().equals(appId)).hasSize(2);
		assertThat(byPart(appId, user).get(1).attempts()).isEqualTo(1);
	}

	private String asset(String appId, String fileName) {
		String assetId = java.util.UUID.randomUUID().toString();
		byte[] content = { 1, 2, 3, 4 };
		org.mockito.BDDMockito.given(this.assets.find(appId, assetId))
			.willReturn(java.util.Optional
				.of(new dev.kefu.media.Asset(assetId, appId, fileName, "image/png", content.length, Instant.now())));
		org.mockito.BDDMockito.given(this.assets.content(appId, assetId)).willReturn(content);
		return assetId;
	}

	private List<DeliveryStatus> statuses(String appId, String user) {
		return byPart(appId, user).stream().map(Delivery::status).toList();
	}

	/** The user's deliveries in the order they were planned. */
	private List<Delivery> byPart(String appId, String user) {
		return this.deliveries.list(appId, null, user, 100)
			.stream()
			.sorted(java.util.Comparator.comparing(Delivery::createdAt).thenComparing(Delivery::partIndex))
			.toList();
	}

	private static Reply[] texts(int count) {
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> new Reply.Text("part " + i))
			.toArray(Reply[]::new);
	}

}
