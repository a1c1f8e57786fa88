package dev.kefu.rules;

import java.util.Objects;

/**
 * One reply of a rule: a message to send, or the hand-over to the customer-service tool. A
 * transfer is answered on the push itself, so it is never chosen as a {@link ReplyMode#RANDOM}
 * reply and never sent; a rule with a transfer transfers whichever mode it has.
 */
public sealed interface RulePart permits RulePart.Send, RulePart.Transfer {

	/** Send this message. */
	record Send(Reply reply) implements RulePart {

		public Send {
			Objects.requireNonNull(reply, "reply");
		}

	}

	/** Answer the push with {@code transfer_customer_service}. */
	record Transfer() implements RulePart {
	}

}
