/**
 * The rules' matching engine, internal to {@code rules}: an app's enabled rules compiled
 * into an immutable {@link dev.kefu.rules.matching.RuleMatcher} (EXACT keywords by one
 * hash lookup, CONTAINS keywords by one Aho–Corasick pass, REGEX keywords on RE2/J,
 * case-insensitively, behind a prefilter derived from each regex), and the
 * {@link dev.kefu.rules.matching.Normalisation} that keywords and messages are compared
 * in. It is public only to the {@code rules} package; no other module may use it (it is
 * no named interface), they go through {@code rules}' planner and rehearsals.
 */
package dev.kefu.rules.matching;
