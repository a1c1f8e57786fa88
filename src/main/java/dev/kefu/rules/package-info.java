/**
 * Keyword rules: what operators configure kefu to answer. Rules are stored, validated,
 * versioned and edited through {@code /api/apps/{appId}/rules}; each app's enabled rules
 * are compiled into an immutable {@link dev.kefu.rules.matching.RuleMatcher} (the
 * matching engine, in the internal package {@code rules.matching}, which no other module
 * may use) that answers every {@link dev.kefu.inbox.MessageReceived} with a
 * {@link dev.kefu.rules.ReplyPlanned}, synchronously in the inbox's transaction that
 * records the message, and tells the inbox synchronously whether a message is transferred
 * to the customer-service tool. A transferred user gets no automatic reply while the
 * hand-over lasts ({@code kefu.rules.transfer-hold} after their last message, ended by
 * entering the chat again; {@code TransferHolds}, in the database). Every app's matcher
 * is compiled at start-up, before the web server takes requests, and recompiled when
 * another instance changes the app's rules (polled every
 * {@code kefu.rules.refresh-interval}). REGEX keywords run on RE2/J, case-insensitively,
 * on the normalised message; a prefilter derived from each regex skips the messages it
 * cannot match, and a property test holds it to RE2/J's answers.
 * {@link dev.kefu.rules.Rehearsals} plays a message through that same matcher and planner
 * without storing a decision or claiming a cooldown, for the console's test console, and
 * names the rules that lost and why ({@link dev.kefu.rules.Precedence}).
 * {@link dev.kefu.rules.RuleBook#shadows} tells what of a saved rule can never answer,
 * and which rule answers instead. {@link dev.kefu.rules.RuleImport} merges the legacy CMS
 * map or kefu's export; an import can be previewed (the same merge, rolled back), applied
 * only as previewed, and undone in one step through the rules' versions.
 * {@link dev.kefu.rules.Holds} keeps keyword and default rules (and transfers) silent for
 * a user whose conversation someone holds (an agent's claim at the desk), and welcome
 * rules too for the apps whose operator chose so: exclusive across instances in the
 * database, and checked by the planner from a snapshot every instance reloads each
 * {@code kefu.rules.refresh-interval}. A KEYWORD or DEFAULT rule's reply can hand the
 * user to an agent ({@link dev.kefu.rules.RulePart.Agent}, type {@code agent}): they wait
 * in the desk's queue, a hold with no agent yet ({@link dev.kefu.rules.Holds#QUEUE})
 * taken in the transaction that records the message, until an agent claims them or
 * {@code kefu.rules.agent-queue-hold} passes. When agents are not there
 * ({@link dev.kefu.rules.AgentPresence}: outside the app's desk hours in
 * {@code rules_desk_hours}, or no desk page of the app connected on some instance within
 * the last 30 s, in {@code desk_presence}) the app's
 * {@link dev.kefu.rules.Trigger#AGENTS_OFFLINE} rule answers instead of the rule's own
 * replies; the test console's rehearsal asks the same. {@code RulesPurge} deletes
 * decisions and cooldown marks past {@code kefu.rules.retention}, and hand-over holds and
 * agents' holds that ended. Each decision records whether it was about a user entering
 * the chat rather than a message: the dashboard's message count and hit rate (messages a
 * keyword rule answered) leave enterings out. {@link dev.kefu.rules.Reply} carries its
 * one JSON shape (the reply items of the REST API) for every Jackson mapper: the rules
 * store a rule's replies in it and the outbox its parts.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "inbox", "apps", "media", "cluster" })
package dev.kefu.rules;
