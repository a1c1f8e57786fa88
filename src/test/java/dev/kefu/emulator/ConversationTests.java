package dev.kefu.emulator;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final Conversation conversation = new Conversation("wx1", "o1", "alice");

	@Test
	void refusesASendBeforeTheUserActedWith45015() {
		assertThatThrownBy(() -> this.conversation.reply(text(T0))).isInstanceOfSatisfying(Refusal.class,
				(refusal) -> assertThat(refusal.errcode()).isEqualTo(45015));
	}

	@Test
	void replacesAMessageAllowanceWithTheShorterOneOfEnteringTheChat() {
		this.conversation.userActed(Conversation.Cause.USER_MESSAGE, new ChatEntry.UserText(T0, "hi"));
		this.conversation.userActed(Conversation.Cause.ENTERED_CHAT,
				new ChatEntry.UserEntered(T0.plusSeconds(1), null));
		assertThat(this.conversation.sendsLeft(T0.plusSeconds(2))).isEqualTo(2);
		assertThat(this.conversation.sendsLeft(T0.plusSeconds(61))).isZero();
	}

	@Test
	void endsTypingWhenAReplyIsSentAndAfter15Seconds() {
		this.conversation.userActed(Conversation.Cause.USER_MESSAGE, new ChatEntry.UserText(T0, "hi"));
		this.conversation.typing(true, T0.plusSeconds(1));
		assertThat(this.conversation.typingAt(T0.plusSeconds(15))).isTrue();
		assertThat(this.conversation.typingAt(T0.plusSeconds(16))).isFalse();
		this.conversation.typing(true, T0.plusSeconds(20));
		this.conversation.reply(text(T0.plusSeconds(21)));
		assertThat(this.conversation.typingAt(T0.plusSeconds(22))).isFalse();
	}

	@Test
	void changesItsVersionWithWhatTheChatShows() {
		long before = this.conversation.version();
		this.conversation.show(new ChatEntry.Transferred(T0));
		assertThat(this.conversation.version()).isGreaterThan(before);
		assertThat(this.conversation.entries()).hasSize(1);
	}

	@Test
	void drawsItsEntriesAndTheirVersionAtOneMomentWhileRepliesLand() throws Exception {
		long base = this.conversation.version();
		int shows = 20_000;
		Thread replies = new Thread(() -> {
			for (int i = 1; i <= shows; i++) {
				// the i-th entry shown is dated T0 + i ms, and moves the version on to
				// base + i
				this.conversation.show(new ChatEntry.Transferred(T0.plusMillis(i)));
			}
		});
		replies.start();
		// a view with an entry and not the version it brought, or the other way round,
		// would make a poll answer "unchanged" to a chat that lacks the entry
		while (replies.isAlive()) {
			Conversation.View view = this.conversation.view(T0);
			long last = view.entries().isEmpty() ? 0
					: view.entries().get(view.entries().size() - 1).at().toEpochMilli() - T0.toEpochMilli();
			assertThat(view.version() - base).isEqualTo(last);
		}
		replies.join();
		assertThat(this.conversation.view(T0).version() - base).isEqualTo(shows);
	}

	private static ChatEntry text(Instant at) {
		return new ChatEntry.ReplyText(at, LinkedText.parse("reply"));
	}

}
