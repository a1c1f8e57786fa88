package dev.kefu.rules;

import static dev.kefu.rules.RuleBuilder.agentsOffline;
import static dev.kefu.rules.RuleBuilder.defaults;
import static dev.kefu.rules.RuleBuilder.keyword;
import static dev.kefu.rules.RuleBuilder.welcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.kefu.inbox.MessageReceived;
import dev.kefu.rules.AgentPresence.Availability;
import dev.kefu.rules.matching.RuleMatcher;
import org.junit.jupiter.api.Test;

class ReplyPlannerTests {

	private static final Instant T0 = Instant.parse("2026-03-04T02:00:00Z");

	private final MapLedger ledger = new MapLedger();

	private final ReplyPlanner planner = new ReplyPlanner(this.ledger, new SplittableRandom(1));

	@Test
	void sendsAllRepliesInOrderWithoutTheTransfer() {
		RuleMatcher matcher = matcher(keyword("human").exact("人工").text("稍等").transfer().text("已转接").build());
		ReplyPlanner.Plan plan = plan(matcher, text("人工", T0));
		assertThat(plan.outcome()).isEqualTo(Outcome.KEYWORD);
		assertThat(plan.replies()).containsExactly(new Reply.Text("稍等"), new Reply.Text("已转接"));
		assertThat(plan.answeringRuleId()).isEqualTo("human");
	}

	@Test
	void aTransferOnlyRuleSendsNothing() {
		RuleMatcher matcher = matcher(keyword("human").exact("人工").transfer().build());
		assertThat(plan(matcher, text("人工", T0)).replies()).isEmpty();
	}

	@Test
	void randomModeSendsOneReply() {
		RuleMatcher matcher = matcher(keyword("joke").exact("笑话").random().text("a", "b", "c").transfer().build());
		ReplyPlanner.Plan plan = plan(matcher, text("笑话", T0));
		assertThat(plan.replies()).hasSize(1)
			.first()
			.isIn(new Reply.Text("a"), new Reply.Text("b"), new Reply.Text("c"));
	}

	@Test
	void randomModeChoosesUniformly() {
		RuleMatcher matcher = matcher(keyword("joke").exact("笑话").random().text("a", "b", "c", "d").build());
		Map<Reply, Integer> counts = new HashMap<>();
		int draws = 40_000;
		for (int i = 0; i < draws; i++) {
			counts.merge(plan(matcher, text("笑话", T0)).replies().get(0), 1, Integer::sum);
		}
		assertThat(counts).hasSize(4);
		// Chi-square with 3 degrees of freedom; 16.27 is the 0.1% critical value.
		double expected = draws / 4.0;
		double chiSquare = counts.values().stream().mapToDouble((n) -> Math.pow(n - expected, 2) / expected).sum();
		assertThat(chiSquare).isLessThan(16.27);
	}

	@Test
	void defaultAnswersUnmatchedTextImagesAndCards() {
		RuleMatcher matcher = matcher(keyword("dl").exact("下载").build(), defaults("fallback").build());
		assertThat(plan(matcher, text("你好", T0)).outcome()).isEqualTo(Outcome.DEFAULT);
		assertThat(plan(matcher, message("image", null, "https://mmbiz.qpic.cn/1", null, T0)).rule().name())
			.isEqualTo("fallback");
		assertThat(plan(matcher, message("miniprogrampage", null, "下载", null, T0)).outcome())
			.isEqualTo(Outcome.DEFAULT);
	}

	@Test
	void defaultCooldownHoldsBackRepeatsForOneUser() {
		RuleMatcher matcher = matcher(defaults("fallback").cooldown(Duration.ofMinutes(10)).build());
		assertThat(plan(matcher, text("a", T0)).outcome()).isEqualTo(Outcome.DEFAULT);
		ReplyPlanner.Plan heldBack = plan(matcher, text("b", T0.plusSeconds(599)));
		assertThat(heldBack.outcome()).isEqualTo(Outcome.COOLDOWN);
		assertThat(heldBack.replies()).isEmpty();
		assertThat(heldBack.answeringRuleId()).isNull();
		assertThat(plan(matcher, message("text", null, "c", null, T0.plusSeconds(1), "other-user")).outcome())
			.isEqualTo(Outcome.DEFAULT);
		assertThat(plan(matcher, text("d", T0.plusSeconds(600))).outcome()).isEqualTo(Outcome.DEFAULT);
	}

	@Test
	void defaultWithoutCooldownAlwaysAnswers() {
		RuleMatcher matcher = matcher(defaults("fallback").build());
		assertThat(plan(matcher, text("a", T0)).outcome()).isEqualTo(Outcome.DEFAULT);
		assertThat(plan(matcher, text("a", T0)).outcome()).isEqualTo(Outcome.DEFAULT);
	}

	@Test
	void keywordRulesHaveNoCooldown() {
		RuleMatcher matcher = matcher(keyword("dl").exact("下载").build(),
				defaults("fallback").cooldown(Duration.ofMinutes(10)).build());
		plan(matcher, text("你好", T0));
		assertThat(plan(matcher, text("下载", T0.plusSeconds(1))).outcome()).isEqualTo(Outcome.KEYWORD);
	}

	@Test
	void welcomesOncePerDayByDefault() {
		RuleMatcher matcher = matcher(welcome("hello").text("欢迎").build());
		assertThat(plan(matcher, entered(null, T0)).replies()).containsExactly(new Reply.Text("欢迎"));
		assertThat(plan(matcher, entered(null, T0.plus(Duration.ofHours(23)))).outcome()).isEqualTo(Outcome.COOLDOWN);
		assertThat(plan(matcher, entered(null, T0.plus(Duration.ofHours(24)))).outcome()).isEqualTo(Outcome.WELCOME);
	}

	@Test
	void welcomePeriodIsConfigurable() {
		RuleMatcher matcher = matcher(welcome("hello").cooldown(Duration.ofHours(1)).build());
		plan(matcher, entered(null, T0));
		assertThat(plan(matcher, entered(null, T0.plus(Duration.ofHours(1)))).outcome()).isEqualTo(Outcome.WELCOME);
	}

	@Test
	void welcomeFollowsTheSessionFrom() {
		RuleMatcher matcher = matcher(welcome("banner").sessionFrom("banner").text("来自横幅").build());
		assertThat(plan(matcher, entered("footer", T0)).outcome()).isEqualTo(Outcome.NO_RULE);
		assertThat(plan(matcher, entered("banner", T0)).replies()).containsExactly(new Reply.Text("来自横幅"));
	}

	@Test
	void welcomeIsNotTheDefault() {
		RuleMatcher matcher = matcher(defaults("fallback").build());
		assertThat(plan(matcher, entered(null, T0)).outcome()).isEqualTo(Outcome.NO_RULE);
		assertThat(plan(matcher(welcome("hello").build()), text("hi", T0)).outcome()).isEqualTo(Outcome.NO_RULE);
	}

	@Test
	void ignoresOtherEvents() {
		RuleMatcher matcher = matcher(welcome("hello").build(), defaults("fallback").build());
		assertThat(this.planner.plan(matcher, message("event", "kf_close_session", null, null, T0))).isEmpty();
	}

	@Test
	void keywordAndDefaultRulesStaySilentForAHeldUserButWelcomeStillAnswers() {
		RuleMatcher matcher = matcher(keyword("dl").exact("下载").text("链接").build(),
				defaults("fallback").text("?").build(), welcome("hi").text("欢迎").build());
		ReplyPlanner held = new ReplyPlanner(this.ledger, new SplittableRandom(1),
				(appId, openId, at, welcome) -> !welcome && "user-1".equals(openId) && at.isBefore(T0.plusSeconds(60)));

		ReplyPlanner.Plan keyword = held.plan(matcher, text("下载", T0)).orElseThrow();
		assertThat(keyword.outcome()).isEqualTo(Outcome.HELD);
		assertThat(keyword.replies()).isEmpty();
		assertThat(held.plan(matcher, text("你好", T0)).orElseThrow().outcome()).isEqualTo(Outcome.HELD);
		assertThat(held.plan(matcher, entered(null, T0)).orElseThrow().replies()).containsExactly(new Reply.Text("欢迎"));
		assertThat(held.plan(matcher, message("text", null, "下载", null, T0, "user-2")).orElseThrow().outcome())
			.isEqualTo(Outcome.KEYWORD);
		assertThat(held.plan(matcher, text("下载", T0.plusSeconds(60))).orElseThrow().outcome())
			.isEqualTo(Outcome.KEYWORD);
	}

	@Test
	void welcomeRulesStaySilentForAHeldUserWhenTheAppSaysSo() {
		RuleMatcher matcher = matcher(keyword("dl").exact("下载").text("链接").build(), welcome("hi").text("欢迎").build());
		ReplyPlanner held = new ReplyPlanner(this.ledger, new SplittableRandom(1),
				(appId, openId, at, welcome) -> "user-1".equals(openId));

		ReplyPlanner.Plan entered = held.plan(matcher, entered(null, T0)).orElseThrow();
		assertThat(entered.outcome()).isEqualTo(Outcome.HELD);
		assertThat(entered.replies()).isEmpty();
		assertThat(held.plan(matcher, message("event", ReplyPlanner.ENTERED_CHAT_EVENT, null, null, T0, "user-2"))
			.orElseThrow()
			.replies()).containsExactly(new Reply.Text("欢迎"));
	}

	@Test
	void aRuleToAnAgentSendsItsOwnRepliesWhileAnAgentIsOnline() {
		RuleMatcher matcher = matcher(keyword("human").exact("人工").text("稍等").toAgent().build(),
				agentsOffline("away").text("不在线").build());
		ReplyPlanner online = new ReplyPlanner(this.ledger, new SplittableRandom(1), (a, o, at, w) -> false,
				(a, at, zone) -> Availability.AVAILABLE);

		ReplyPlanner.Plan plan = online.plan(matcher, text("人工", T0)).orElseThrow();

		assertThat(plan.toAgent()).isTrue();
		assertThat(plan.replies()).containsExactly(new Reply.Text("稍等"));
		assertThat(plan.answeringRuleId()).isEqualTo("human");
	}

	@Test
	void aRuleToAnAgentAnswersWithTheAgentsOfflineRuleWhenNoAgentIsOnline() {
		RuleMatcher matcher = matcher(keyword("human").exact("人工").text("稍等").toAgent().build(),
				defaults("fallback").text("?").build(), agentsOffline("away").text("不在线").build());
		ReplyPlanner offline = new ReplyPlanner(this.ledger, new SplittableRandom(1), (a, o, at, w) -> false,
				(a, at, zone) -> Availability.NO_AGENT_ONLINE);

		ReplyPlanner.Plan plan = offline.plan(matcher, text("人工", T0)).orElseThrow();

		assertThat(plan.outcome()).isEqualTo(Outcome.KEYWORD);
		assertThat(plan.toAgent()).isTrue();
		assertThat(plan.replies()).containsExactly(new Reply.Text("不在线"));
		assertThat(plan.answeringRuleId()).isEqualTo("away");
		// a rule that does not hand over is not concerned
		ReplyPlanner.Plan other = offline.plan(matcher, text("你好", T0)).orElseThrow();
		assertThat(other.toAgent()).isFalse();
		assertThat(other.replies()).containsExactly(new Reply.Text("?"));
	}

	@Test
	void aRuleToAnAgentAnswersWithTheAgentsOfflineRuleOutsideTheDeskHoursInTheAppsZone() {
		RuleMatcher matcher = matcher(keyword("human").exact("人工").text("稍等").toAgent().build(),
				agentsOffline("away").text("下班了").build());
		List<Instant> asked = new java.util.ArrayList<>();
		ReplyPlanner closed = new ReplyPlanner(this.ledger, new SplittableRandom(1), (a, o, at, w) -> false,
				(a, at, zone) -> {
					asked.add(at);
					assertThat(zone).isEqualTo(ZoneId.of("Asia/Shanghai"));
					return Availability.OUTSIDE_HOURS;
				});

		ReplyPlanner.Plan plan = closed.plan(matcher, text("人工", T0)).orElseThrow();

		assertThat(asked).containsExactly(T0);
		assertThat(plan.toAgent()).isTrue();
		assertThat(plan.handOver().by().id()).isEqualTo("human");
		assertThat(plan.handOver().agents()).isEqualTo(Availability.OUTSIDE_HOURS);
		assertThat(plan.replies()).containsExactly(new Reply.Text("下班了"));
		assertThat(plan.answeringRuleId()).isEqualTo("away");
	}

	private static RuleMatcher matcher(Rule... rules) {
		return RuleMatcher.compile(List.of(rules), ZoneId.of("Asia/Shanghai"));
	}

	private ReplyPlanner.Plan plan(RuleMatcher matcher, MessageReceived message) {
		return this.planner.plan(matcher, message).orElseThrow();
	}

	private static MessageReceived text(String content, Instant at) {
		return message("text", null, content, null, at);
	}

	private static MessageReceived entered(String sessionFrom, Instant at) {
		return message("event", ReplyPlanner.ENTERED_CHAT_EVENT, null, sessionFrom, at);
	}

	private static MessageReceived message(String msgType, String event, String content, String sessionFrom,
			Instant at) {
		return message(msgType, event, content, sessionFrom, at, "user-1");
	}

	private static MessageReceived message(String msgType, String event, String content, String sessionFrom, Instant at,
			String openId) {
		return new MessageReceived("m-" + at.toEpochMilli(), "wx-app", openId, msgType, event, content, sessionFrom, at,
				false);
	}

	/** The ledger's contract, in memory. */
	static final class MapLedger implements FiringLedger {

		private final Map<String, Instant> last = new HashMap<>();

		@Override
		public boolean claim(String appId, String openId, Trigger trigger, Instant at, Duration period) {
			String key = appId + "/" + openId + "/" + trigger;
			Instant previous = this.last.get(key);
			if (previous != null && at.isBefore(previous.plus(period))) {
				return false;
			}
			this.last.put(key, at);
			return true;
		}

	}

}
