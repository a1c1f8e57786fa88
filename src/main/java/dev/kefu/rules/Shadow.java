package dev.kefu.rules;

/**
 * A part of a rule that can never answer, because another enabled rule, always active,
 * answers first wherever it would.
 *
 * @param keyword the rule's keyword that never wins; {@code null} when the whole rule
 * never answers (a DEFAULT or WELCOME rule behind another)
 * @param winner the rule that answers instead
 * @param why why the winner comes first
 */
public record Shadow(Keyword keyword, Rule winner, Precedence why) {
}
