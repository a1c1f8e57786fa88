package dev.kefu.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.kefu.MutableClock;
import dev.kefu.rules.Trigger;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "转人工" the whole way, through the emulator as WeChat: the emulator's user asks for a
 * human, kefu's rule sends "connecting you…" and answers the push with the transfer; from
 * then on the user gets no automatic reply until they enter the chat again, or until 30
 * minutes (the default {@code kefu.rules.transfer-hold}) pass without a message from
 * them.
 */
class TransferHoldIntegrationTests extends RulesInChatSupport {

	private static final String CONNECTING = "正在为您转接人工客服…";

	@BeforeEach
	void appWithATransferRule() {
		newApp("转人工");
		rule("转人工", Trigger.KEYWORD, "转人工", text(CONNECTING), reply("transfer"));
		rule("下载", Trigger.KEYWORD, "1", text("下载地址在这里"));
		rule("默认", Trigger.DEFAULT, null, text("回复 1 下载 App"));
	}

	@Test
	void sendsTheTextsBeforeTheTransferBeforeHandingOver() {
		assertThat(say("amy", "转人工").get("status").stringValue()).isEqualTo("TRANSFERRED");

		List<String> kinds = kinds(chat(this.appId, "amy"));
		assertThat(kinds).containsSubsequence("user-text", "reply-text", "transferred");
		assertThat(chat(this.appId, "amy").get(kinds.indexOf("reply-text")).toString()).contains(CONNECTING);
	}

	@Test
	void answersNothingAutomaticallyAfterTheTransferUntilTheUserEntersTheChatAgain() {
		say("bob", "转人工");

		assertThat(say("bob", "1").get("status").stringValue()).isEqualTo("ACKNOWLEDGED");
		assertHeld("bob");
		say("bob", "还在吗");
		assertHeld("bob");

		this.clock.advance(Duration.ofSeconds(1));
		push(this.appId, "bob", "enter", null);
		say("bob", "1");
		assertThat(lastDecision("bob")).isEqualTo("KEYWORD");
		awaitReply("bob", "下载地址在这里");
	}

	@Test
	void theHoldEndsAfterThirtyMinutesWithoutAMessage() {
		Instant start = Instant.now();
		this.clock.set(start);
		push(this.appId, "cai", "text", "转人工");
		this.clock.set(start.plus(Duration.ofMinutes(29)));
		push(this.appId, "cai", "text", "有人吗");
		assertHeld("cai");
		// each message moves the end on: 29 minutes after the last one it still holds
		this.clock.set(start.plus(Duration.ofMinutes(58)));
		push(this.appId, "cai", "text", "1");
		assertHeld("cai");

		this.clock.set(start.plus(Duration.ofMinutes(88)).plusSeconds(1));
		push(this.appId, "cai", "text", "1");

		assertThat(lastDecision("cai")).isEqualTo("KEYWORD");
		awaitReply("cai", "下载地址在这里");
	}

	@Test
	void aTransferAgainDuringTheHoldSendsNoTextButTransfers() {
		say("dan", "转人工");

		assertThat(say("dan", "转人工").get("status").stringValue()).isEqualTo("TRANSFERRED");

		assertHeld("dan");
		assertThat(kinds(chat(this.appId, "dan")).stream().filter("reply-text"::equals)).hasSize(1);
	}

	/**
	 * The user's last message was held: decided HANDED_OVER, and nothing planned to send.
	 */
	private void assertHeld(String user) {
		String messageId = lastMessage(user);
		assertThat(decision(messageId)).isEqualTo("HANDED_OVER");
		assertThat(deliveries(messageId)).isZero();
	}

	private static List<String> kinds(JsonNode chat) {
		List<String> kinds = new ArrayList<>();
		chat.forEach((entry) -> kinds.add(entry.get("kind").stringValue()));
		return kinds;
	}

	@TestConfiguration
	static class TestClock {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

	}

}
