package dev.kefu.rules;

import java.time.Instant;

/**
 * One change to a rule.
 *
 * @param ruleId the rule
 * @param version 1 for the creation, then one more per change
 * @param change what happened
 * @param changedBy the console user who made the change
 * @param changedAt when
 * @param before the rule before; {@code null} for a creation
 * @param after the rule after; {@code null} for a deletion
 */
public record RuleVersion(String ruleId, int version, Change change, String changedBy, Instant changedAt,
		RuleDocument before, RuleDocument after) {

	/** What happened to the rule. */
	public enum Change {

		CREATED, UPDATED, DELETED, RESTORED, IMPORTED

	}

}
