/**
 * Keyword rules: what operators configure kefu to answer. Rules are stored, validated,
 * versioned and edited through {@code /api/apps/{appId}/rules}; each app's enabled rules are
 * compiled into an immutable {@link dev.kefu.rules.RuleMatcher} that answers every
 * {@link dev.kefu.inbox.MessageReceived} with a {@link dev.kefu.rules.ReplyPlanned}, synchronously
 * in the inbox's transaction that records the message, and tells the inbox synchronously whether
 * a message is transferred to the customer-service tool.
 * {@link dev.kefu.rules.Rehearsals} plays a message through that same matcher and planner without
 * storing a decision or claiming a cooldown, for the console's test console.
 * {@code RulesPurge} deletes decisions and cooldown marks past {@code kefu.rules.retention}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "inbox", "apps", "media" })
package dev.kefu.rules;
