package dev.kefu.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.kefu.apps.AppRegistry;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rehearsal answers as a real push would, and leaves no decision and no cooldown mark
 * behind.
 */
@RulesIntegrationTest
class RehearsalsIntegrationTests {

	@Autowired
	private AppRegistry registry;

	@Autowired
	private RuleBook book;

	@Autowired
	private RuleDecisions decisions;

	@Autowired
	private FiringLedger ledger;

	@Autowired
	private Rehearsals rehearsals;

	private String appId;

	@BeforeEach
	void setUp() {
		this.appId = TestApps.register(this.registry);
	}

	@Test
	void rehearsesAWelcomeWithoutStoringADecisionOrClaimingItsCooldown() {
		rule("欢迎", Trigger.WELCOME, 0, List.of());

		RuleRehearsal first = this.rehearsals.rehearse(this.appId, "event", null, null);
		RuleRehearsal second = this.rehearsals.rehearse(this.appId, "event", null, null);

		assertThat(first.outcome()).isEqualTo(Outcome.WELCOME);
		assertThat(second.outcome()).isEqualTo(Outcome.WELCOME);
		assertThat(first.cooldown()).isEqualTo(Rule.DEFAULT_WELCOME_PERIOD);
		assertThat(first.replies()).containsExactly(new Reply.Text("欢迎 的回复"));
		assertThat(this.decisions.recent(this.appId, false, 10)).isEmpty();
		assertThat(this.ledger.claim(this.appId, Rehearsals.REHEARSAL_USER, Trigger.WELCOME, Instant.now(),
				Duration.ofHours(24)))
			.as("no cooldown mark left by the rehearsals")
			.isTrue();
	}

	@Test
	void matchesRegexCaseInsensitivelyAndNamesTheWinningKeyword() {
		rule("问候", Trigger.KEYWORD, 5,
				List.of(new KeywordItem("hi", MatchMode.EXACT), new KeywordItem("^HELLO", MatchMode.REGEX)));
		rule("世界", Trigger.KEYWORD, 0, List.of(new KeywordItem("world", MatchMode.CONTAINS)));

		RuleRehearsal rehearsal = this.rehearsals.rehearse(this.appId, "text", "hello world", null);

		assertThat(rehearsal.outcome()).isEqualTo(Outcome.KEYWORD);
		assertThat(rehearsal.rule().name()).isEqualTo("问候");
		assertThat(rehearsal.keyword()).isEqualTo(new Keyword("^HELLO", MatchMode.REGEX));
		assertThat(rehearsal.matchingKeywords())
			.extracting((hit) -> hit.rule().name() + "/" + hit.keyword().text() + "/" + hit.chosen())
			.containsExactlyInAnyOrder("问候/^HELLO/true", "世界/world/false");
	}

	@Test
	void saysNoRuleWhenNothingAnswers() {
		rule("问候", Trigger.KEYWORD, 0, List.of(new KeywordItem("^HELLO", MatchMode.REGEX)));

		RuleRehearsal rehearsal = this.rehearsals.rehearse(this.appId, "text", "say hello", null);

		assertThat(rehearsal.outcome()).isEqualTo(Outcome.NO_RULE);
		assertThat(rehearsal.rule()).isNull();
		assertThat(rehearsal.matchingKeywords()).isEmpty();
		assertThat(rehearsal.replies()).isEmpty();
	}

	private void rule(String name, Trigger trigger, int priority, List<KeywordItem> keywords) {
		this.book.create(this.appId,
				new RuleDocument(null, name, trigger, priority, true, ReplyMode.ALL, keywords,
						List.of(new ReplyItem("text", name + " 的回复", null, null, null, null, null, null, null)), null,
						null, null, null, null, null, null, null),
				"test");
	}

}
