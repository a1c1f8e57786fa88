package dev.kefu.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.kefu.inbox.MessageReceived;
import dev.kefu.rules.matching.KeywordIndex;
import dev.kefu.rules.matching.Normalisation;
import dev.kefu.rules.matching.RuleMatcher;

import org.springframework.stereotype.Component;

/**
 * Plays a message against an app's rules without answering anyone: the app's live
 * compiled matcher, the {@link ReplyPlanner} and the transfer decision that answer real
 * pushes, with nothing stored, published or claimed. Whether agents are there for a rule
 * that hands the user to one is asked as for a real message ({@link AgentPresence}: the
 * app's desk hours now, and whether an agent is online). It also says which other rules
 * could have answered and why they did not ({@link Precedence}, the matcher's own order).
 * The planner's cooldown claim goes to a ledger that only notes the period, so the
 * rehearsal is what a user the rules never answered would get. Thread-safe.
 */
@Component
public class Rehearsals {

	/** The OpenID a rehearsed message comes from. */
	public static final String REHEARSAL_USER = "o_rules_rehearsal";

	private final RuleMatchers matchers;

	private final RuleTransfers transfers;

	private final AgentPresence presence;

	private final Clock clock;

	Rehearsals(RuleMatchers matchers, RuleTransfers transfers, AgentPresence presence, Clock clock) {
		this.matchers = matchers;
		this.transfers = transfers;
		this.presence = presence;
		this.clock = clock;
	}

	/**
	 * What the rules would answer now.
	 * @param appId the mini program; one without rules (or unknown) answers nothing
	 * @param msgType {@code MsgType} as WeChat pushes it: {@code text}, {@code image},
	 * {@code miniprogrampage}, or {@code event} for the user entering the chat
	 * @param text the text of a {@code text} message; may be {@code null}
	 * @param sessionFrom the SessionFrom of an entry into the chat; {@code null} or blank
	 * for none
	 */
	public RuleRehearsal rehearse(String appId, String msgType, String text, String sessionFrom) {
		Instant now = this.clock.instant();
		boolean event = "event".equals(msgType);
		String from = (sessionFrom == null || sessionFrom.isBlank()) ? null : sessionFrom.strip();
		MessageReceived message = new MessageReceived("rehearsal", appId, REHEARSAL_USER, msgType,
				event ? ReplyPlanner.ENTERED_CHAT_EVENT : null, event ? null : text, event ? from : null, now, false);
		RuleMatcher matcher = this.matchers.matcher(appId);
		NotingLedger ledger = new NotingLedger();
		Optional<ReplyPlanner.Plan> planned = new ReplyPlanner(ledger, RandomGenerator.getDefault(),
				(app, user, at, welcome) -> false, this.presence::availability)
			.plan(matcher, message);
		boolean textMessage = "text".equals(msgType);
		String normalised = textMessage ? Normalisation.normalise((text != null) ? text : "") : null;
		if (planned.isEmpty()) {
			return new RuleRehearsal(null, null, null, normalised, List.of(), List.of(), false, false, Duration.ZERO,
					List.of(), null, null);
		}
		ReplyPlanner.Plan plan = planned.get();
		Rule rule = plan.rule();
		// the rule the message chose, whose place the AGENTS_OFFLINE rule may have taken
		Rule chosen = plan.toAgent() ? plan.handOver().by() : rule;
		Keyword keyword = (plan.outcome() == Outcome.KEYWORD)
				? matcher.keywordMatch(text, now).map(RuleMatcher.KeywordMatch::keyword).orElse(null) : null;
		List<RuleRehearsal.KeywordHit> hits = textMessage ? matchingKeywords(matcher, normalised, chosen, keyword, now)
				: List.of();
		boolean random = rule != null && rule.replyMode() == ReplyMode.RANDOM && !plan.replies().isEmpty();
		List<Reply> replies = random ? rule.sendable() : plan.replies();
		boolean transfers = this.transfers.transfers(appId, REHEARSAL_USER, msgType, text);
		List<RuleRehearsal.PassedOver> passedOver = switch (plan.outcome()) {
			case KEYWORD -> List.of();
			case WELCOME -> passedOver(matcher.welcomes(), chosen, message, matcher);
			default -> event ? passedOver(matcher.welcomes(), chosen, message, matcher)
					: passedOver(matcher.defaults(), chosen, message, matcher);
		};
		return new RuleRehearsal(plan.outcome(), rule, keyword, normalised, hits, replies, random, transfers,
				ledger.period, passedOver, plan.toAgent() ? plan.handOver().by() : null,
				plan.toAgent() ? plan.handOver().agents() : null);
	}

	/** The other DEFAULT or WELCOME rules, and why each did not answer. */
	private static List<RuleRehearsal.PassedOver> passedOver(List<Rule> tried, Rule chosen, MessageReceived message,
			RuleMatcher matcher) {
		List<RuleRehearsal.PassedOver> passed = new ArrayList<>();
		for (Rule other : tried) {
			if (chosen != null && other.id().equals(chosen.id())) {
				continue;
			}
			Precedence why;
			if (other.sessionFrom() != null && !other.sessionFrom().equals(message.sessionFrom())) {
				why = Precedence.OTHER_SESSION_FROM;
			}
			else if (other.timeBound() && !other.activeAt(message.receivedAt(), matcher.zone())) {
				why = Precedence.INACTIVE;
			}
			else if (chosen != null) {
				why = Precedence.ofRules(other, chosen);
			}
			else {
				continue; // cannot happen: an active rule that fits would have answered
			}
			passed.add(new RuleRehearsal.PassedOver(other, chosen, why));
		}
		return passed;
	}

	/**
	 * Every keyword that matches, each tried alone by the real index with its rule's time
	 * conditions lifted, so that what a higher-ranked or inactive rule beat shows too.
	 */
	private static List<RuleRehearsal.KeywordHit> matchingKeywords(RuleMatcher matcher, String normalised,
			Rule chosenRule, Keyword chosenKeyword, Instant now) {
		List<RuleRehearsal.KeywordHit> hits = new ArrayList<>();
		for (Rule rule : matcher.keywordRules()) {
			for (Keyword keyword : rule.keywords()) {
				Rule alone = new Rule(rule.id(), rule.appId(), rule.name(), rule.trigger(), rule.priority(), true,
						rule.replyMode(), List.of(keyword), rule.replies(), null, null, null, null, null,
						rule.createdAt(), rule.updatedAt());
				if (new KeywordIndex(List.of(alone), matcher.zone()).best(normalised, now) != null) {
					boolean chosen = chosenRule != null && chosenRule.id().equals(rule.id())
							&& keyword.equals(chosenKeyword);
					// no keyword winning (chosenKeyword null) while this one matches: its
					// rule is inactive now
					boolean inactive = chosenKeyword == null
							|| (rule.timeBound() && !rule.activeAt(now, matcher.zone()));
					Precedence why = chosen ? null : inactive ? Precedence.INACTIVE
							: Precedence.ofKeywords(rule, keyword, chosenRule, chosenKeyword);
					Rule winner = (chosen || chosenKeyword == null) ? null : chosenRule;
					hits.add(new RuleRehearsal.KeywordHit(rule, keyword, chosen, winner, why));
				}
			}
		}
		return hits;
	}

	/** Lets every claim through and remembers the period claimed; stores nothing. */
	private static final class NotingLedger implements FiringLedger {

		private Duration period = Duration.ZERO;

		@Override
		public boolean claim(String appId, String openId, Trigger trigger, Instant at, Duration period) {
			this.period = period;
			return true;
		}

	}

}
