package dev.kefu.rules;

import java.util.Objects;

/**
 * One reply of a rule: a message to send, the hand-over to the customer-service tool, or
 * the hand-over to an agent at kefu's desk. Neither hand-over is a message: a transfer is
 * answered on the push itself, a hand-over to an agent puts the user in the desk's queue
 * ({@link Holds#queue}); so neither is ever chosen as a {@link ReplyMode#RANDOM} reply
 * nor sent, and a rule with one hands over whichever mode it has.
 */
public sealed interface RulePart permits RulePart.Send, RulePart.Transfer, RulePart.Agent {

	/** Send this message. */
	record Send(Reply reply) implements RulePart {

		public Send {
			Objects.requireNonNull(reply, "reply");
		}

	}

	/** Answer the push with {@code transfer_customer_service}. */
	record Transfer() implements RulePart {
	}

	/**
	 * Put the user in the desk's queue for an agent: the rules stay silent for them
	 * meanwhile.
	 */
	record Agent() implements RulePart {
	}

}
