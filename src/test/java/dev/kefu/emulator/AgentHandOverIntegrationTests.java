package dev.kefu.emulator;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.kefu.ConsoleSession;
import dev.kefu.MutableClock;
import dev.kefu.desk.Desk;
import dev.kefu.rules.AgentPresence;
import dev.kefu.rules.BusinessHours;
import dev.kefu.rules.RuleRejectedException;
import dev.kefu.rules.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hand-over from rules to kefu's desk, through the emulator as WeChat: a keyword rule
 * "人工" replies "to an agent"; the user then waits in the desk's queue (its "waiting"
 * filter), and the default rule stays silent for them until an agent claims and releases
 * the conversation or the wait lapses. With no desk page of the app connected, the app's
 * AGENTS_OFFLINE rule answers instead of the rule's own text; with a desk page connected
 * (its live stream open), it does not.
 */
class AgentHandOverIntegrationTests extends RulesInChatSupport {

	private static final String CONNECTING = "正在为您接通坐席…";

	private static final String UNAVAILABLE = "客服暂时不在线，请留言，我们会尽快回复。";

	private static final String DEFAULT = "回复 1 下载 App";

	@Autowired
	Desk desk;

	@Autowired
	AgentPresence presence;

	@BeforeEach
	void appWithAHandOverRule() {
		newApp("转坐席");
		rule("人工", Trigger.KEYWORD, "人工", text(CONNECTING), reply("agent"));
		rule("默认", Trigger.DEFAULT, null, text(DEFAULT));
		rule("客服不在线", Trigger.AGENTS_OFFLINE, null, text(UNAVAILABLE));
	}

	@Test
	void aRuleToAnAgentQueuesTheUserAtTheDeskAndKeepsTheDefaultRuleSilent() {
		say("amy", "人工");
		String amy = openId(this.appId, "amy");
		assertThat(waiting()).contains(amy);

		say("amy", "有人吗");

		assertThat(lastDecision("amy")).isEqualTo("HELD");
		assertThat(deliveries(lastMessage("amy"))).isZero();
		assertThat(waiting()).contains(amy);
	}

	@Test
	void theRulesAnswerAgainWhenTheWaitLapses() {
		say("bob", "人工");
		this.clock.advance(Duration.ofMinutes(30));

		say("bob", "有人吗");

		assertThat(lastDecision("bob")).isEqualTo("DEFAULT");
		awaitReply("bob", DEFAULT);
	}

	@Test
	void anAgentClaimsAQueuedUserAndReleasingBringsTheRulesBack() {
		say("cai", "人工");
		String cai = openId(this.appId, "cai");

		assertThat(this.desk.claim(this.appId, cai, "agent-1")).isEqualTo(Desk.Result.DONE);
		assertThat(this.desk.list(this.appId, Desk.Filter.MINE, "agent-1")).extracting((row) -> row.last().openId())
			.contains(cai);
		assertThat(waiting()).doesNotContain(cai);
		say("cai", "还在吗");
		assertThat(lastDecision("cai")).isEqualTo("HELD");

		this.desk.release(this.appId, cai, "agent-1");
		say("cai", "谢谢");
		assertThat(lastDecision("cai")).isEqualTo("DEFAULT");
		awaitReply("cai", DEFAULT);
	}

	@Test
	void withNoAgentOnlineTheAgentsUnavailableRuleAnswers() {
		assertThat(this.presence.online(this.appId)).isFalse();

		say("dan", "人工");

		awaitReply("dan", UNAVAILABLE);
		assertThat(chat(this.appId, "dan").toString()).doesNotContain(CONNECTING);
		assertThat(waiting()).contains(openId(this.appId, "dan"));
	}

	@Test
	void withAnAgentConnectedTheAgentsUnavailableRuleDoesNotAnswer() throws Exception {
		try (DeskStream desk = openDesk()) {
			say("eve", "人工");

			awaitReply("eve", CONNECTING);
			assertThat(chat(this.appId, "eve").toString()).doesNotContain(UNAVAILABLE);
			assertThat(waiting()).contains(openId(this.appId, "eve"));
		}
	}

	@Test
	void outsideTheDeskHoursTheAgentsUnavailableRuleAnswersThoughAnAgentIsOnline() throws Exception {
		LocalTime now = LocalTime.ofInstant(this.clock.instant(),
				this.registry.find(this.appId).orElseThrow().timeZone());
		Set<DayOfWeek> everyDay = EnumSet.allOf(DayOfWeek.class);
		try (DeskStream desk = openDesk()) {
			this.presence.hours(this.appId, new BusinessHours(everyDay, now.plusHours(2), now.plusHours(3)), "test");

			say("fay", "人工");

			awaitReply("fay", UNAVAILABLE);
			assertThat(chat(this.appId, "fay").toString()).doesNotContain(CONNECTING);
			assertThat(waiting()).contains(openId(this.appId, "fay"));

			this.presence.hours(this.appId, new BusinessHours(everyDay, now.minusHours(1), now.plusHours(1)), "test");

			say("gus", "人工");

			awaitReply("gus", CONNECTING);
			assertThat(chat(this.appId, "gus").toString()).doesNotContain(UNAVAILABLE);
		}
	}

	/**
	 * A desk page's live stream, open until closed; an agent is online once it returns.
	 */
	private DeskStream openDesk() {
		HttpClient agent = ConsoleSession.signIn("http://127.0.0.1:" + this.port, ADMIN, ADMIN_PASSWORD);
		CompletableFuture<HttpResponse<InputStream>> stream = agent.sendAsync(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/apps/" + this.appId + "/desk/events"))
			.header("Accept", "text/event-stream")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		DeskStream desk = new DeskStream(stream);
		awaitOnline();
		return desk;
	}

	private record DeskStream(CompletableFuture<HttpResponse<InputStream>> stream) implements AutoCloseable {

		@Override
		public void close() {
			this.stream.thenAccept((response) -> {
				try {
					response.body().close();
				}
				catch (java.io.IOException ex) {
					// closing only
				}
			});
			this.stream.cancel(true);
		}

	}

	@Test
	void onlyKeywordAndDefaultRulesHandAUserToAnAgent() {
		assertThatExceptionOfType(RuleRejectedException.class)
			.isThrownBy(() -> rule("欢迎", Trigger.WELCOME, null, text("你好"), reply("agent")));
		assertThatExceptionOfType(RuleRejectedException.class)
			.isThrownBy(() -> rule("不在线", Trigger.AGENTS_OFFLINE, null, reply("agent")));
	}

	@Test
	void theRuleEditorOffersTheHandOverAndTheAgentsUnavailableTrigger() throws Exception {
		HttpClient operator = ConsoleSession.signIn("http://127.0.0.1:" + this.port, ADMIN, ADMIN_PASSWORD);
		String page = operator
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/apps/" + this.appId + "/rules/new"))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();

		assertThat(page).contains("value=\"AGENTS_OFFLINE\"").contains("value=\"agent\"");
	}

	private void awaitOnline() {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!this.presence.online(this.appId)) {
			assertThat(System.nanoTime() - deadline).as("the desk connected within 10 s").isNegative();
			pause();
		}
	}

	private List<String> waiting() {
		return this.desk.list(this.appId, Desk.Filter.WAITING, "agent-1")
			.stream()
			.map((row) -> row.last().openId())
			.toList();
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
