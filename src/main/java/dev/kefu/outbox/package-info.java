/**
 * Durable delivery of planned replies: every {@link dev.kefu.rules.ReplyPlanned} part becomes a
 * delivery in the same transaction that consumes the event, is planned against the user's
 * sending allowance, and is sent in order by a db-scheduler task that survives restarts and
 * spreads over instances. WeChat's answers decide what happens next: retry with backoff, stop
 * as EXPIRED when the window or quota is gone, or keep as a FAILED dead letter that an
 * operator can retry. {@link dev.kefu.outbox.Deliveries} lists them and retries them.
 * {@code OutboxPurge} deletes finished deliveries past {@code kefu.outbox.retention}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "rules", "media", "apps", "wechat::api" })
package dev.kefu.outbox;
