package dev.kefu.rules.matching;

import static dev.kefu.rules.RuleBuilder.defaults;
import static dev.kefu.rules.RuleBuilder.keyword;
import static dev.kefu.rules.RuleBuilder.welcome;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.kefu.rules.Rule;
import dev.kefu.rules.RuleBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleMatcherTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** Wednesday 2026-03-04 10:00 in Shanghai. */
	private static final Instant WEDNESDAY_10AM = Instant.parse("2026-03-04T02:00:00Z");

	private static final Set<DayOfWeek> WORKDAYS = Set.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);

	static Stream<Arguments> textMessages() {
		return Stream.of(
				// normalisation
				row("full-width digit equals its ASCII keyword", List.of(keyword("one").exact("1")), "１", "one"),
				row("surrounding spaces are trimmed", List.of(keyword("one").exact("1")), "  1 \n", "one"),
				row("exact does not match a longer message", List.of(keyword("one").exact("1")), "11", null),
				row("case is folded", List.of(keyword("app").exact("APP")), "aPp", "app"),
				row("full-width letters are folded", List.of(keyword("app").exact("app")), "ＡＰＰ", "app"),
				row("inner whitespace collapses", List.of(keyword("dl").exact("下载  APP")), "下载\u3000\tapp", "dl"),
				row("keyword normalised like the message", List.of(keyword("dl").exact("  下载ＡＰＰ ")), "下载app", "dl"),
				row("contains finds a keyword inside", List.of(keyword("dl").contains("下载")), "请问怎么下载呀", "dl"),
				row("contains finds a folded keyword", List.of(keyword("vip").contains("VIP")), "我的Ｖｉｐ过期了", "vip"),
				row("contains misses", List.of(keyword("dl").contains("下载")), "你好", null),
				row("regex is found anywhere", List.of(keyword("order").regex("订单\\d{6}")), "查订单123456谢谢", "order"),
				row("anchored regex needs the whole message", List.of(keyword("order").regex("^订单\\d{6}$")),
						"查订单123456", null),
				row("regex is case-insensitive", List.of(keyword("hi").regex("^HELLO\\b")), "Hello there", "hi"),
				row("regex without literals is tried", List.of(keyword("phone").regex("^\\d{11}$")), "13800138000",
						"phone"),
				row("regex with alternatives", List.of(keyword("refund").regex("(退款|退货)")), "我要退货", "refund"),
				row("any keyword of a rule matches", List.of(keyword("dl").exact("1", "下载").contains("app")), "下载",
						"dl"),
				// priority and ties
				row("higher priority wins over match mode",
						List.of(keyword("exact").exact("下载app"), keyword("contains").contains("app").priority(1)),
						"下载app", "contains"),
				row("higher priority regex beats an exact match",
						List.of(keyword("exact").exact("hi"), keyword("regex").regex("^h").priority(5)), "hi", "regex"),
				row("exact before contains at equal priority",
						List.of(keyword("contains").contains("下载"), keyword("exact").exact("下载")), "下载", "exact"),
				row("contains before regex at equal priority",
						List.of(keyword("regex").regex("下载"), keyword("contains").contains("下载")), "下载", "contains"),
				row("longer contains keyword wins",
						List.of(keyword("short").contains("下载"), keyword("long").contains("下载app")), "我要下载app", "long"),
				row("older rule wins a full tie",
						List.of(keyword("newer").contains("app").createdAt(Instant.parse("2026-02-01T00:00:00Z")),
								keyword("older").contains("app").createdAt(Instant.parse("2026-01-01T00:00:00Z"))),
						"app", "older"),
				row("lower priority regex is not needed after a better match",
						List.of(keyword("exact").exact("hi").priority(2), keyword("regex").regex("^hi$").priority(1)),
						"hi", "exact"),
				row("overlapping contains keywords are all seen",
						List.of(keyword("he").contains("he"), keyword("hers").contains("hers").priority(1)), "ushers",
						"hers"),
				// disabled rules
				row("disabled rule never matches", List.of(keyword("off").exact("1").disabled()), "1", null),
				row("disabled rule leaves the next one",
						List.of(keyword("off").exact("1").priority(9).disabled(), keyword("on").contains("1")), "1",
						"on"),
				// active period
				row("before the active period",
						List.of(keyword("promo").exact("618").active("2026-03-05T00:00:00Z", null)), "618", null),
				row("inside the active period",
						List.of(keyword("promo").exact("618").active("2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z")),
						"618", "promo"),
				row("the end of the active period is exclusive",
						List.of(keyword("promo").exact("618").active(null, "2026-03-04T02:00:00Z")), "618", null),
				row("an expired rule leaves a lower one",
						List.of(keyword("promo").exact("618").priority(5).active(null, "2026-03-01T00:00:00Z"),
								keyword("always").contains("618")),
						"618", "always"),
				// business hours in the app's zone (10:00 Wednesday in Shanghai is 02:00
				// UTC)
				row("within business hours", List.of(keyword("human").exact("人工").hours(WORKDAYS, "09:00", "18:00")),
						"人工", "human"),
				row("hours are read in the app's zone, not UTC",
						List.of(keyword("human").exact("人工").hours(WORKDAYS, "01:00", "03:00")), "人工", null),
				row("outside the days",
						List.of(keyword("human").exact("人工").hours(Set.of(SATURDAY, SUNDAY), "00:00", "00:00")), "人工",
						null),
				row("an exact keyword shared by rules goes to the open one",
						List.of(keyword("closed").exact("人工").hours(WORKDAYS, "13:00", "18:00"),
								keyword("open").exact("人工"), keyword("newer").exact("人工")),
						"人工", "open"),
				row("closed hours fall through to an open rule",
						List.of(keyword("human").exact("人工").priority(1).hours(WORKDAYS, "13:00", "18:00"),
								keyword("bot").exact("人工")),
						"人工", "bot"));
	}

	private static Arguments row(String description, List<RuleBuilder> rules, String message, String expected) {
		return Arguments.argumentSet(description, rules, message, expected);
	}

	@ParameterizedTest
	@MethodSource("textMessages")
	void findsTheRuleATextMessageMatches(List<RuleBuilder> rules, String message, String expected) {
		RuleMatcher matcher = RuleMatcher.compile(rules.stream().map(RuleBuilder::build).toList(), SHANGHAI);
		assertThat(matcher.keywordRule(message, WEDNESDAY_10AM).map(Rule::name).orElse(null)).isEqualTo(expected);
	}

	static Stream<Arguments> businessHours() {
		return Stream.of(
				Arguments.argumentSet("Friday 23:00 is inside Friday 22:00–02:00", "2026-03-06T15:00:00Z", true),
				Arguments.argumentSet("Saturday 01:00 belongs to Friday's night", "2026-03-06T17:00:00Z", true),
				Arguments.argumentSet("Saturday 02:00 is closed (end exclusive)", "2026-03-06T18:00:00Z", false),
				Arguments.argumentSet("Saturday 23:00 is closed", "2026-03-07T15:00:00Z", false),
				Arguments.argumentSet("Friday 01:00 belongs to Thursday, closed", "2026-03-05T17:00:00Z", false));
	}

	@ParameterizedTest
	@MethodSource("businessHours")
	void overnightHoursBelongToTheDayTheyStart(String at, boolean open) {
		RuleMatcher matcher = RuleMatcher
			.compile(List.of(keyword("night").exact("夜").hours(Set.of(FRIDAY), "22:00", "02:00").build()), SHANGHAI);
		assertThat(matcher.keywordRule("夜", Instant.parse(at)).isPresent()).isEqualTo(open);
	}

	@Test
	void answersImagesAndCardsWithTheDefaultRule() {
		RuleMatcher matcher = RuleMatcher
			.compile(List.of(keyword("dl").contains("下载").build(), defaults("fallback").build()), SHANGHAI);
		assertThat(matcher.answering("image", "https://mmbiz.qpic.cn/x.png", WEDNESDAY_10AM).map(Rule::name))
			.contains("fallback");
		assertThat(matcher.answering("miniprogrampage", "下载", WEDNESDAY_10AM).map(Rule::name)).contains("fallback");
		assertThat(matcher.answering("text", "怎么下载", WEDNESDAY_10AM).map(Rule::name)).contains("dl");
		assertThat(matcher.answering("text", "你好", WEDNESDAY_10AM).map(Rule::name)).contains("fallback");
	}

	@Test
	void picksTheDefaultRuleByPriorityAndHours() {
		RuleMatcher matcher = RuleMatcher.compile(List.of(defaults("after hours").build(),
				defaults("office").priority(1).hours(WORKDAYS, "09:00", "18:00").build()), SHANGHAI);
		assertThat(matcher.defaultRule(WEDNESDAY_10AM).map(Rule::name)).contains("office");
		assertThat(matcher.defaultRule(Instant.parse("2026-03-04T12:00:00Z")).map(Rule::name)).contains("after hours");
	}

	@Test
	void welcomeLimitedToASessionFromBeatsTheGeneralOne() {
		RuleMatcher matcher = RuleMatcher.compile(List.of(welcome("any").build(),
				welcome("banner").sessionFrom("banner").build(), welcome("off").sessionFrom("x").disabled().build()),
				SHANGHAI);
		assertThat(matcher.welcomeRule("banner", WEDNESDAY_10AM).map(Rule::name)).contains("banner");
		assertThat(matcher.welcomeRule("footer", WEDNESDAY_10AM).map(Rule::name)).contains("any");
		assertThat(matcher.welcomeRule(null, WEDNESDAY_10AM).map(Rule::name)).contains("any");
		assertThat(matcher.welcomeRule("x", WEDNESDAY_10AM).map(Rule::name)).contains("any");
	}

	@Test
	void welcomeForOneSessionFromOnlyAnswersThatButton() {
		RuleMatcher matcher = RuleMatcher.compile(List.of(welcome("banner").sessionFrom("banner").build()), SHANGHAI);
		assertThat(matcher.welcomeRule("footer", WEDNESDAY_10AM)).isEmpty();
		assertThat(matcher.welcomeRule(null, WEDNESDAY_10AM)).isEmpty();
	}

	@Test
	void findsEveryOneOfManyKeywords() {
		List<Rule> rules = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			rules.add(keyword("e" + i).exact("精准" + i).build());
			rules.add(keyword("c" + i).contains("包含" + i + "号").build());
		}
		RuleMatcher matcher = RuleMatcher.compile(rules, SHANGHAI);
		assertThat(matcher.keywordCount()).isEqualTo(4000);
		for (int i = 0; i < 2000; i++) {
			assertThat(matcher.keywordRule("精准" + i, WEDNESDAY_10AM).map(Rule::name)).contains("e" + i);
			assertThat(matcher.keywordRule("请问包含" + i + "号在哪", WEDNESDAY_10AM).map(Rule::name)).contains("c" + i);
		}
		assertThat(matcher.keywordRule("精准", WEDNESDAY_10AM)).isEmpty();
	}

	@Test
	void anEmptyMatcherAnswersNothing() {
		RuleMatcher matcher = RuleMatcher.empty(SHANGHAI);
		assertThat(matcher.answering("text", "hi", WEDNESDAY_10AM)).isEmpty();
		assertThat(matcher.welcomeRule(null, WEDNESDAY_10AM)).isEmpty();
	}

	@Test
	void transfersWhenTheAnsweringRuleHasATransferReply() {
		RuleMatcher matcher = RuleMatcher
			.compile(List.of(keyword("human").exact("人工").text("正在为您转接").transfer().build(),
					defaults("fallback").text("您好").build()), SHANGHAI);
		assertThat(matcher.answering("text", "人工", WEDNESDAY_10AM).map(Rule::transfers)).contains(true);
		assertThat(matcher.answering("text", "你好", WEDNESDAY_10AM).map(Rule::transfers)).contains(false);
	}

}
