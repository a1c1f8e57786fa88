package dev.kefu.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * An operator's rule: when it answers and with what.
 *
 * @param id application-generated id
 * @param appId the mini program it belongs to
 * @param name shown in the console
 * @param trigger when it answers
 * @param priority higher wins; ties are broken by match mode, then the longer keyword,
 * then the older rule
 * @param enabled disabled rules never answer
 * @param replyMode all replies in order, or one at random
 * @param keywords for {@link Trigger#KEYWORD} rules, empty otherwise
 * @param replies 1 to 5 parts
 * @param activeFrom answers from this instant on; {@code null} for always
 * @param activeUntil answers until this instant (exclusive); {@code null} for ever
 * @param businessHours answers only within these hours; {@code null} for always
 * @param sessionFrom a {@link Trigger#WELCOME} rule answers only entries from the button
 * with this SessionFrom; {@code null} for any
 * @param cooldown for {@link Trigger#DEFAULT} and {@link Trigger#WELCOME}: the least time
 * between two answers of that trigger to one user; {@code null} means none for DEFAULT
 * and {@link #DEFAULT_WELCOME_PERIOD} for WELCOME
 * @param createdAt when it was created (older rules win ties)
 * @param updatedAt when it last changed
 */
public record Rule(String id, String appId, String name, Trigger trigger, int priority, boolean enabled,
		ReplyMode replyMode, List<Keyword> keywords, List<RulePart> replies, Instant activeFrom, Instant activeUntil,
		BusinessHours businessHours, String sessionFrom, Duration cooldown, Instant createdAt, Instant updatedAt) {

	/**
	 * A user is welcomed at most once within this period unless the rule says otherwise.
	 */
	public static final Duration DEFAULT_WELCOME_PERIOD = Duration.ofHours(24);

	public Rule {
		Objects.requireNonNull(trigger, "trigger");
		Objects.requireNonNull(replyMode, "replyMode");
		keywords = (keywords != null) ? List.copyOf(keywords) : List.of();
		replies = (replies != null) ? List.copyOf(replies) : List.of();
	}

	/** Whether any reply hands the user over to the customer-service tool. */
	public boolean transfers() {
		for (RulePart part : this.replies) {
			if (part instanceof RulePart.Transfer) {
				return true;
			}
		}
		return false;
	}

	/** Whether any reply hands the user over to an agent at the desk. */
	public boolean toAgent() {
		return this.replies.stream().anyMatch(RulePart.Agent.class::isInstance);
	}

	/** The replies that are messages to send, in order. */
	public List<Reply> sendable() {
		return this.replies.stream()
			.filter(RulePart.Send.class::isInstance)
			.map((part) -> ((RulePart.Send) part).reply())
			.toList();
	}

	/**
	 * The period within which this rule's trigger answers one user at most once, or zero.
	 */
	Duration effectiveCooldown() {
		if (this.cooldown != null) {
			return this.cooldown;
		}
		return (this.trigger == Trigger.WELCOME) ? DEFAULT_WELCOME_PERIOD : Duration.ZERO;
	}

	/** Whether the rule has any condition in time, so matching must look at the clock. */
	public boolean timeBound() {
		return this.activeFrom != null || this.activeUntil != null || this.businessHours != null;
	}

	/** Whether the rule answers at {@code now}, business hours read in {@code zone}. */
	public boolean activeAt(Instant now, ZoneId zone) {
		if (this.activeFrom != null && now.isBefore(this.activeFrom)) {
			return false;
		}
		if (this.activeUntil != null && !now.isBefore(this.activeUntil)) {
			return false;
		}
		return this.businessHours == null || this.businessHours.contains(now.atZone(zone));
	}

}
