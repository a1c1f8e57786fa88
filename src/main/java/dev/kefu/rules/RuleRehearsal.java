package dev.kefu.rules;

import java.time.Duration;
import java.util.List;

/**
 * What the rules would do with one message, as {@link Rehearsals#rehearse} found it with
 * the code that answers real pushes, for a user they have never answered.
 *
 * @param outcome the decision the rules would store; {@code null} for an event they do
 * not answer at all (anything but entering the chat)
 * @param rule the rule that answers; {@code null} if none
 * @param keyword for {@link Outcome#KEYWORD}, the keyword of {@code rule} that won;
 * otherwise {@code null}
 * @param normalised a text message in {@link dev.kefu.rules.matching.Normalisation normal
 * form}, as keywords are compared with it; {@code null} for other messages
 * @param matchingKeywords for a text message, every keyword of an enabled rule that
 * matches it (whatever the rule's active period or business hours), in rule order, the
 * winner marked
 * @param replies the messages that would be sent, in order; for a
 * {@link ReplyMode#RANDOM} rule, every candidate, of which one is drawn when a real
 * message arrives
 * @param oneAtRandom whether only one of {@code replies} is sent
 * @param transfers whether the push would be answered with
 * {@code transfer_customer_service}
 * @param cooldown the period the real planner would claim for this user before answering,
 * during which the same trigger holds back its answer to that user
 * ({@link Outcome#COOLDOWN}); zero for none
 * @param passedOver the other enabled DEFAULT rules (for a message no keyword rule
 * answered) or WELCOME rules (for an entry into the chat) that did not answer, in the
 * order they are tried, each with why
 * @param handedBy the rule that would hand the user to an agent ({@code rule} itself, or,
 * when agents are not there, the rule whose place the AGENTS_OFFLINE {@code rule} takes);
 * {@code null} when no rule hands the user over
 * @param agents with {@code handedBy}, whether agents are there now (the app's desk hours
 * and whether an agent is online, as for a real message); otherwise {@code null}
 */
public record RuleRehearsal(Outcome outcome, Rule rule, Keyword keyword, String normalised,
		List<KeywordHit> matchingKeywords, List<Reply> replies, boolean oneAtRandom, boolean transfers,
		Duration cooldown, List<PassedOver> passedOver, Rule handedBy, AgentPresence.Availability agents) {

	public RuleRehearsal {
		matchingKeywords = List.copyOf(matchingKeywords);
		replies = List.copyOf(replies);
		passedOver = List.copyOf(passedOver);
	}

	/**
	 * One keyword that matches the message.
	 *
	 * @param rule the rule it belongs to
	 * @param keyword the keyword
	 * @param chosen whether it is the one that answers
	 * @param lostTo for one not chosen, the keyword rule that answers instead
	 * ({@code null} when none does)
	 * @param why for one not chosen, why it lost
	 */
	public record KeywordHit(Rule rule, Keyword keyword, boolean chosen, Rule lostTo, Precedence why) {
	}

	/**
	 * A DEFAULT or WELCOME rule that did not answer.
	 *
	 * @param rule the rule
	 * @param lostTo the rule that answers instead, or {@code null} when none does
	 * @param why why it did not answer
	 */
	public record PassedOver(Rule rule, Rule lostTo, Precedence why) {
	}

}
