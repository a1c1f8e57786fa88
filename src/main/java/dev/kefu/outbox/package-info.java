/**
 * Durable delivery of planned replies: every {@link dev.kefu.rules.ReplyPlanned} part
 * becomes a delivery in the transaction that records the user's push (the event is
 * handled synchronously there), planned against the user's sending allowance. Its rows
 * are the only work left once WeChat is told {@code success}: they are inserted leased to
 * the instance that planned them, which sends them in order right after the commit (the
 * outcomes of sends that end together are committed together; the inbox answers a
 * transfer once the parts before it are sent, {@code TransferWaits}), and when an
 * instance dies its lapsed leases are taken over by the sweep that every instance runs
 * ({@code kefu.outbox.takeover}). WeChat's answers decide what happens next: retry with
 * backoff, stop as EXPIRED when the window or quota is gone, or keep as a FAILED dead
 * letter that an operator can retry. A message the inbox could not plan
 * ({@link dev.kefu.inbox.MessageUnanswered}) shows here as a FAILED delivery with the
 * reason. {@link dev.kefu.outbox.Deliveries} lists them and retries them. A tracked link
 * is sent as the short URL {@link dev.kefu.links.TrackedLinks} makes for its delivery
 * (the same one on every attempt), a tracked text with one such URL in place of each of
 * its own, and a tracked mini program card with the code in its page path
 * ({@code kefu_link=<code>}); when that cannot be stored the attempt counts as a
 * transient failure. {@link dev.kefu.outbox.HandReplies} plans replies written by hand
 * (the agent desk) the same way, one at a time in the user's current window, refused
 * before anything is stored when the allowance no longer permits it, with the console
 * user on record. {@link dev.kefu.outbox.SendingAllowance} tells others (the test
 * console) how many sends a user action allows, and
 * {@link dev.kefu.outbox.OutgoingMessage} the message a reply is sent as, so that the
 * test console shows the send body from the same code. A part's reply is kept in
 * {@link dev.kefu.rules.Reply}'s own JSON shape. {@code OutboxPurge} deletes finished
 * deliveries past {@code kefu.outbox.retention}.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "rules", "media", "apps", "inbox", "links", "wechat::api", "cluster" })
package dev.kefu.outbox;
