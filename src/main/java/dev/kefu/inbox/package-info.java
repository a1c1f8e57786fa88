/**
 * The URL WeChat pushes to: verify (in the app's push mode, when one is recorded),
 * decrypt, decode, refuse a signature replayed with another body, de-duplicate, record,
 * and plan the reply in the same transaction: {@link dev.kefu.inbox.MessageReceived} is
 * published synchronously there, so the rules decide and the outbox stores the deliveries
 * before the push commits, and only then is WeChat told {@code success}. Concurrent
 * pushes are committed together by one writer. A push answered with
 * {@code transfer_customer_service} is answered once the replies planned before the
 * transfer are sent ({@link dev.kefu.inbox.TransferOrder}, at most 2 s). A push whose
 * plan fails (not the database: a bug, a broken rule) is recorded anyway and planned
 * again with backoff; when kefu gives up it publishes
 * {@link dev.kefu.inbox.MessageUnanswered}. {@code InboxPurge} deletes records older than
 * {@code kefu.inbox.retention}, and the signatures remembered against replays
 * ({@code ReplayCache}, in the database, shared by all instances) once their timestamp is
 * past {@code kefu.wechat.max-clock-skew}. The app id in the path must be {@code wx} and
 * 16 hex digits (400 otherwise, before anything is logged); refusals are logged
 * rate-limited, unknown apps at DEBUG only. {@link dev.kefu.inbox.ConversationHistory}
 * reads the recorded messages by conversation for other modules' screens (the agent
 * desk).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "apps", "wechat::push" })
package dev.kefu.inbox;
