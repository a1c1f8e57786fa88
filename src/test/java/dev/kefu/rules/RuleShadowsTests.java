package dev.kefu.rules;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import dev.kefu.rules.matching.RuleMatcher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What of a rule can never answer, and which rule answers instead: only what is certain.
 */
class RuleShadowsTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static List<String> shadows(Rule rule, Rule... others) {
		List<Rule> all = new java.util.ArrayList<>(List.of(others));
		all.add(rule);
		return RuleShadows.of(rule, RuleMatcher.compile(all, ZONE))
			.stream()
			.map((s) -> ((s.keyword() != null) ? s.keyword().text() : "*") + " → " + s.winner().name() + " " + s.why())
			.toList();
	}

	@Test
	void aSecondDefaultRuleBehindAnAlwaysActiveOneNeverAnswers() {
		Rule first = RuleBuilder.defaults("先").build();
		Rule second = RuleBuilder.defaults("后").build();

		assertThat(shadows(second, first)).containsExactly("* → 先 OLDER");
		assertThat(shadows(first, second)).isEmpty();
		assertThat(shadows(RuleBuilder.defaults("低").priority(-1).build(), first))
			.containsExactly("* → 先 HIGHER_PRIORITY");
	}

	@Test
	void aDefaultRuleBehindOneWithBusinessHoursStillAnswersOutsideThem() {
		Rule office = RuleBuilder.defaults("上班")
			.priority(1)
			.hours(EnumSet.of(DayOfWeek.MONDAY), "09:00", "18:00")
			.build();

		assertThat(shadows(RuleBuilder.defaults("下班").build(), office)).isEmpty();
	}

	@Test
	void aWelcomeIsShadowedOnlyByOneForTheSameEntries() {
		Rule general = RuleBuilder.welcome("通用").priority(1).build();
		Rule banner = RuleBuilder.welcome("横幅").sessionFrom("banner").build();

		assertThat(shadows(banner, general)).containsExactly("* → 通用 HIGHER_PRIORITY");
		assertThat(shadows(RuleBuilder.welcome("其他").build(),
				RuleBuilder.welcome("只有横幅").priority(1).sessionFrom("banner").build()))
			.as("a welcome for one button leaves the other entries")
			.isEmpty();
		assertThat(
				shadows(RuleBuilder.welcome("通用二").build(), RuleBuilder.welcome("横幅二").sessionFrom("banner").build()))
			.isEmpty();
	}

	@Test
	void anExactKeywordThatAHigherPriorityRuleAlwaysWinsNeverAnswers() {
		Rule price = RuleBuilder.keyword("价格").exact("价格", "1").build();
		Rule any = RuleBuilder.keyword("含价").priority(5).contains("价").build();

		assertThat(shadows(price, any)).containsExactly("价格 → 含价 HIGHER_PRIORITY");
		assertThat(shadows(RuleBuilder.keyword("价格二").priority(5).exact("价格").build(), any))
			.as("at the same priority EXACT wins")
			.isEmpty();
		assertThat(shadows(price, RuleBuilder.keyword("正则").priority(5).regex("^价格$").build()))
			.containsExactly("价格 → 正则 HIGHER_PRIORITY");
	}

	@Test
	void aContainsKeywordWithAHigherPriorityContainsKeywordInsideItNeverAnswers() {
		Rule any = RuleBuilder.keyword("含价").priority(5).contains("价").build();

		assertThat(shadows(RuleBuilder.keyword("价格表").contains("价格表").build(), any))
			.containsExactly("价格表 → 含价 HIGHER_PRIORITY");
		assertThat(shadows(RuleBuilder.keyword("长").priority(5).contains("价格表").build(), any))
			.as("at the same priority the longer keyword wins")
			.isEmpty();
		assertThat(shadows(RuleBuilder.keyword("价格表二").contains("价格表").build(),
				RuleBuilder.keyword("正则").priority(5).regex("价格").build()))
			.as("a regex is not judged as matching every text")
			.isEmpty();
	}

	@Test
	void aRuleWithHoursThatWinsOnlySometimesShadowsNothing() {
		Rule sometimes = RuleBuilder.keyword("有时")
			.priority(5)
			.contains("价")
			.active("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")
			.build();

		assertThat(shadows(RuleBuilder.keyword("价格").exact("价格").build(), sometimes)).isEmpty();
	}

	@Test
	void aDisabledRuleIsNotJudged() {
		Rule first = RuleBuilder.defaults("先").build();

		assertThat(shadows(RuleBuilder.defaults("停用").disabled().build(), first)).isEmpty();
	}

}
