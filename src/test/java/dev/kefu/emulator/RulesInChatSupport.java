package dev.kefu.emulator;

import java.time.Duration;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For tests of what the rules do with a user who chats through the emulator, on an app of
 * the test's own in safe mode, with a clock the test moves (each subclass declares the
 * {@link MutableClock} bean): the user's messages, the rules' decisions on them, the
 * deliveries they planned and the replies that reached the chat.
 */
abstract class RulesInChatSupport extends EmulatorIntegrationTestSupport {

	@Autowired
	AppRegistry registry;

	@Autowired
	RuleBook rules;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	String appId;

	/** Registers a new app named {@code name}, emulated in safe mode with XML pushes. */
	void newApp(String name) {
		this.appId = newAppId();
		this.registry.register(new AppDraft(this.appId, name, secretOf(this.appId), CallbackStub.TOKEN,
				CallbackStub.AES_KEY, null, true, null));
		registerApp(this.appId, "SAFE", "XML");
	}

	@AfterEach
	void realTime() {
		this.clock.reset();
	}

	/**
	 * The user writes, a second after whatever happened before (so their messages sort in
	 * time).
	 */
	JsonNode say(String user, String text) {
		this.clock.advance(Duration.ofSeconds(1));
		return push(this.appId, user, "text", text);
	}

	/** The id of the user's last text message. */
	String lastMessage(String user) {
		return this.jdbc
			.sql("SELECT id FROM inbox_message WHERE app_id = ? AND open_id = ? AND msg_type = 'text' "
					+ "ORDER BY received_at DESC, id DESC LIMIT 1")
			.params(this.appId, openId(this.appId, user))
			.query(String.class)
			.single();
	}

	/** The rules' decision on the user's last text message. */
	String lastDecision(String user) {
		return decision(lastMessage(user));
	}

	String decision(String messageId) {
		return this.jdbc.sql("SELECT outcome FROM rules_decision WHERE message_id = ?")
			.param(messageId)
			.query(String.class)
			.single();
	}

	/**
	 * The deliveries planned for a message: written with the push, before WeChat hears
	 * back, so none means none.
	 */
	long deliveries(String messageId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE message_id = ?")
			.param(messageId)
			.query(Long.class)
			.single();
	}

	/** Waits (up to 10 s) for the reply to reach the user's chat through the send API. */
	void awaitReply(String user, String text) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!chat(this.appId, user).toString().contains(text)) {
			assertThat(System.nanoTime() - deadline).as("reply \"" + text + "\" within 10 s").isNegative();
			pause();
		}
	}

	static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	void rule(String name, Trigger trigger, String keyword, ReplyItem... replies) {
		this.rules.create(this.appId,
				new RuleDocument(null, name, trigger, 0, true, ReplyMode.ALL,
						(keyword != null) ? List.of(new KeywordItem(keyword, MatchMode.EXACT)) : List.of(),
						List.of(replies), null, null, null, null, null, null, null, null),
				"test");
	}

	static ReplyItem text(String content) {
		return new ReplyItem("text", content, null, null, null, null, null, null, null);
	}

	/** A reply of a type with no fields: {@code transfer} or {@code agent}. */
	static ReplyItem reply(String type) {
		return new ReplyItem(type, null, null, null, null, null, null, null, null);
	}

}
