package dev.kefu.rules;

import java.time.Duration;
import java.util.List;

/**
 * What the rules would do with one message, as {@link Rehearsals#rehearse} found it with the
 * code that answers real pushes, for a user they have never answered.
 *
 * @param outcome the decision the rules would store; {@code null} for an event they do not
 * answer at all (anything but entering the chat)
 * @param rule the rule that answers; {@code null} if none
 * @param keyword for {@link Outcome#KEYWORD}, the keyword of {@code rule} that won; otherwise
 * {@code null}
 * @param normalised a text message in {@link Normalisation normal form}, as keywords are compared
 * with it; {@code null} for other messages
 * @param matchingKeywords for a text message, every keyword of an enabled rule that matches it
 * (whatever the rule's active period or business hours), in rule order, the winner marked
 * @param replies the messages that would be sent, in order; for a {@link ReplyMode#RANDOM} rule,
 * every candidate, of which one is drawn when a real message arrives
 * @param oneAtRandom whether only one of {@code replies} is sent
 * @param transfers whether the push would be answered with {@code transfer_customer_service}
 * @param cooldown the period the real planner would claim for this user before answering, during
 * which the same trigger holds back its answer to that user ({@link Outcome#COOLDOWN}); zero for
 * none
 */
public record RuleRehearsal(Outcome outcome, Rule rule, Keyword keyword, String normalised,
		List<KeywordHit> matchingKeywords, List<Reply> replies, boolean oneAtRandom, boolean transfers,
		Duration cooldown) {

	public RuleRehearsal {
		matchingKeywords = List.copyOf(matchingKeywords);
		replies = List.copyOf(replies);
	}

	/**
	 * One keyword that matches the message.
	 * @param rule the rule it belongs to
	 * @param keyword the keyword
	 * @param chosen whether it is the one that answers
	 */
	public record KeywordHit(Rule rule, Keyword keyword, boolean chosen) {
	}

}
