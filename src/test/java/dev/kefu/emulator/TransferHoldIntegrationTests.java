package dev.kefu.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.kefu.MutableClock;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "转人工" the whole way, through the emulator as WeChat: the emulator's user asks for a
 * human, kefu's rule sends "connecting you…" and answers the push with the transfer; from
 * then on the user gets no automatic reply until they enter the chat again, or until 30
 * minutes (the default {@code kefu.rules.transfer-hold}) pass without a message from
 * them.
 */
class TransferHoldIntegrationTests extends EmulatorIntegrationTestSupport {

	private static final String CONNECTING = "正在为您转接人工客服…";

	@Autowired
	AppRegistry registry;

	@Autowired
	RuleBook rules;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	private String appId;

	@BeforeEach
	void appWithATransferRule() {
		this.appId = newAppId();
		this.registry.register(new AppDraft(this.appId, "转人工", secretOf(this.appId), CallbackStub.TOKEN,
				CallbackStub.AES_KEY, null, true, null));
		registerApp(this.appId, "SAFE", "XML");
		rule("转人工", Trigger.KEYWORD, "转人工", text(CONNECTING),
				new ReplyItem("transfer", null, null, null, null, null, null, null, null));
		rule("下载", Trigger.KEYWORD, "1", text("下载地址在这里"));
		rule("默认", Trigger.DEFAULT, null, text("回复 1 下载 App"));
	}

	@AfterEach
	void realTime() {
		this.clock.reset();
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
	 * The user writes, a second after whatever happened before (so their messages sort in
	 * time).
	 */
	private JsonNode say(String user, String text) {
		this.clock.advance(Duration.ofSeconds(1));
		return push(this.appId, user, "text", text);
	}

	/**
	 * The user's last message was held: decided HANDED_OVER, and nothing planned to send.
	 */
	private void assertHeld(String user) {
		String messageId = lastMessage(user);
		assertThat(decision(messageId)).isEqualTo("HANDED_OVER");
		// the deliveries are written with the push, before WeChat hears back: none means
		// none
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE message_id = ?")
			.param(messageId)
			.query(Long.class)
			.single()).isZero();
	}

	private String lastDecision(String user) {
		return decision(lastMessage(user));
	}

	private String lastMessage(String user) {
		return this.jdbc
			.sql("SELECT id FROM inbox_message WHERE app_id = ? AND open_id = ? AND msg_type = 'text' "
					+ "ORDER BY received_at DESC, id DESC LIMIT 1")
			.params(this.appId, openId(this.appId, user))
			.query(String.class)
			.single();
	}

	private String decision(String messageId) {
		return this.jdbc.sql("SELECT outcome FROM rules_decision WHERE message_id = ?")
			.param(messageId)
			.query(String.class)
			.single();
	}

	/** Waits (up to 10 s) for the reply to reach the user's chat through the send API. */
	private void awaitReply(String user, String text) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!chat(this.appId, user).toString().contains(text)) {
			assertThat(System.nanoTime() - deadline).as("reply \"" + text + "\" within 10 s").isNegative();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private static List<String> kinds(JsonNode chat) {
		List<String> kinds = new ArrayList<>();
		chat.forEach((entry) -> kinds.add(entry.get("kind").stringValue()));
		return kinds;
	}

	private void rule(String name, Trigger trigger, String keyword, ReplyItem... replies) {
		this.rules.create(this.appId,
				new RuleDocument(null, name, trigger, 0, true, ReplyMode.ALL,
						(keyword != null) ? List.of(new KeywordItem(keyword, MatchMode.EXACT)) : List.of(),
						List.of(replies), null, null, null, null, null, null, null, null),
				"test");
	}

	private static ReplyItem text(String content) {
		return new ReplyItem("text", content, null, null, null, null, null, null, null);
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
