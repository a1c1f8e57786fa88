package dev.kefu.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.kefu.TestHttp;
import dev.kefu.apps.AppRegistry;
import dev.kefu.inbox.MessageReceived;
import dev.kefu.inbox.TransferDecision;
import dev.kefu.wechat.push.PushSignature;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hand-offs: {@link MessageReceived} in, a stored decision and {@link ReplyPlanned}
 * out for every user message and every entry into the chat; {@link TransferDecision} for
 * the inbox.
 */
@RulesIntegrationTest
class ResponderIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private AppRegistry registry;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private PlannedReplies planned;

	@Autowired
	private RuleDecisions decisions;

	@Autowired
	private TransferDecision transfers;

	@Autowired
	private io.micrometer.core.instrument.MeterRegistry meters;

	private TestHttp http;

	private String appId;

	private String openId;

	@BeforeEach
	void setUp() {
		this.http = TestHttp.on(this.port).as(RulesIntegrationTest.ADMIN, RulesIntegrationTest.ADMIN_PASSWORD);
		this.appId = TestApps.register(this.registry);
		this.openId = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M-" + UUID.randomUUID();
		rule("""
				{"name": "人工", "trigger": "KEYWORD", "keywords": [{"text": "人工", "match": "EXACT"}],
				 "replies": [{"type": "text", "content": "正在为您转接人工客服"}, {"type": "transfer"}]}""");
		rule("""
				{"name": "欢迎", "trigger": "WELCOME",
				 "replies": [{"type": "text", "content": "欢迎光临"}, {"type": "link", "title": "下载APP",
				              "url": "https://example.com/app"}]}""");
	}

	@Test
	void plansTheMatchedRulesRepliesWithoutTheTransfer() {
		ReplyPlanned reply = receive("text", null, "人工");

		assertThat(reply.cause()).isEqualTo(ReplyPlanned.Cause.USER_MESSAGE);
		assertThat(reply.appId()).isEqualTo(this.appId);
		assertThat(reply.openId()).isEqualTo(this.openId);
		assertThat(reply.replies()).containsExactly(new Reply.Text("正在为您转接人工客服"));
		assertThat(reply.ruleId()).isNotNull();
		RuleDecision decision = decision(reply.messageId());
		assertThat(decision.outcome()).isEqualTo(Outcome.KEYWORD);
		assertThat(decision.ruleId()).isEqualTo(reply.ruleId());
	}

	@Test
	void countsDecisionsByOutcome() {
		receive("text", null, "人工");
		receive("image", null, "https://mmbiz.qpic.cn/x");
		receive("text", null, "人工");
		assertThat(decisions(Outcome.KEYWORD)).isEqualTo(2);
		assertThat(decisions(Outcome.NO_RULE)).isEqualTo(1);
	}

	private double decisions(Outcome outcome) {
		io.micrometer.core.instrument.Counter counter = this.meters.find("kefu.rules.decisions")
			.tags("app", this.appId, "outcome", outcome.name())
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void plansAnEmptyReplyForAnUnmatchedMessage() {
		ReplyPlanned reply = receive("image", null, "https://mmbiz.qpic.cn/x");

		assertThat(reply.replies()).isEmpty();
		assertThat(reply.ruleId()).isNull();
		assertThat(decision(reply.messageId()).outcome()).isEqualTo(Outcome.NO_RULE);
	}

	@Test
	void welcomesOnEnteringTheChatOncePerDay() {
		ReplyPlanned first = receive("event", ReplyPlanner.ENTERED_CHAT_EVENT, null);
		ReplyPlanned second = receive("event", ReplyPlanner.ENTERED_CHAT_EVENT, null);

		assertThat(first.cause()).isEqualTo(ReplyPlanned.Cause.ENTERED_CHAT);
		assertThat(first.replies()).containsExactly(new Reply.Text("欢迎光临"),
				new Reply.Link("下载APP", null, "https://example.com/app", null));
		assertThat(second.cause()).isEqualTo(ReplyPlanned.Cause.ENTERED_CHAT);
		assertThat(second.replies()).isEmpty();
		assertThat(decision(second.messageId()).outcome()).isEqualTo(Outcome.COOLDOWN);
	}

	@Test
	void refusesToAnswerAMessageTwice() {
		MessageReceived message = message("text", null, "人工");
		publish(message);
		this.planned.forMessage(message.messageId());
		decision(message.messageId());

		// the stored decision's key refuses a second answer, and its transaction rolls
		// back
		assertThatThrownBy(() -> publish(message)).isInstanceOf(DuplicateKeyException.class);

		Awaitility.await()
			.during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.planned.allFor(message.messageId()).size() == 1);
	}

	@Test
	void plansNothingForOtherEvents() {
		MessageReceived other = message("event", "kf_close_session", null);
		MessageReceived text = message("text", null, "你好");
		publish(other);
		publish(text);

		this.planned.forMessage(text.messageId());
		assertThat(this.planned.allFor(other.messageId())).isEmpty();
		assertThat(this.decisions.find(other.messageId())).isEmpty();
	}

	@Test
	void tellsTheInboxWhichMessagesTransfer() {
		assertThat(this.transfers.transfers(this.appId, this.openId, "text", "人工")).isTrue();
		assertThat(this.transfers.transfers(this.appId, this.openId, "text", "人工服务")).isFalse();
		assertThat(this.transfers.transfers(this.appId, this.openId, "image", "人工")).isFalse();
		assertThat(this.transfers.transfers(this.appId, this.openId, "event", null)).isFalse();
		assertThat(this.transfers.transfers("wx0000000000000000", this.openId, "text", "人工")).isFalse();
	}

	@Test
	void transfersWithTheDefaultRuleDespiteItsCooldown() {
		rule("""
				{"name": "兜底", "trigger": "DEFAULT", "cooldown": "PT10M",
				 "replies": [{"type": "text", "content": "稍等"}, {"type": "transfer"}]}""");

		assertThat(receive("text", null, "在吗").replies()).containsExactly(new Reply.Text("稍等"));
		assertThat(receive("text", null, "在吗?").replies()).isEmpty();
		assertThat(this.transfers.transfers(this.appId, this.openId, "text", "在吗??")).isTrue();
	}

	@Test
	void answersAPushFromWeChatWithTheTransferAndPlansTheRest() {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String query = "?signature=" + PushSignature.sign(TestApps.TOKEN, timestamp, "nonce1") + "&timestamp="
				+ timestamp + "&nonce=nonce1";
		String push = "<xml><ToUserName><![CDATA[gh_kefu]]></ToUserName><FromUserName><![CDATA[" + this.openId
				+ "]]></FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
				+ "<Content><![CDATA[人工]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";

		HttpResponse<String> answer = this.http.anonymous().postXml("/wechat/" + this.appId + query, push);

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("transfer_customer_service").contains(this.openId);
		ReplyPlanned reply = this.planned.forUser(this.openId);
		assertThat(reply.replies()).containsExactly(new Reply.Text("正在为您转接人工客服"));
		assertThat(decision(reply.messageId()).outcome()).isEqualTo(Outcome.KEYWORD);
	}

	private void rule(String json) {
		assertThat(this.http.postJson("/api/apps/" + this.appId + "/rules", json).statusCode()).isEqualTo(201);
	}

	private ReplyPlanned receive(String msgType, String event, String content) {
		MessageReceived message = message(msgType, event, content);
		publish(message);
		ReplyPlanned reply = this.planned.forMessage(message.messageId());
		assertThat(reply.receivedAt()).isEqualTo(message.receivedAt());
		return reply;
	}

	private MessageReceived message(String msgType, String event, String content) {
		return new MessageReceived(UUID.randomUUID().toString(), this.appId, this.openId, msgType, event, content, null,
				Instant.now(), false);
	}

	private void publish(MessageReceived message) {
		this.transactions.executeWithoutResult((status) -> this.events.publishEvent(message));
	}

	private RuleDecision decision(String messageId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.decisions.find(messageId), java.util.Optional::isPresent)
			.orElseThrow();
	}

}
