/**
 * The agent desk: people answer users live from the console, beside the auto-replies. An agent
 * sees the app's conversations with unread counts, live (server-sent events; across instances
 * through Redis pub/sub when Redis is configured, otherwise each instance polls the database every
 * {@code kefu.desk.poll-interval}), claims a conversation (a {@link dev.kefu.rules.Holds hold}:
 * exclusive across instances, and keyword and default rules stay silent for that user while it
 * lasts), answers by hand through the outbox ({@link dev.kefu.outbox.HandReplies}: the same
 * allowance, tokens, media and retries as the rules' replies) and releases it, or it lapses after
 * {@code kefu.desk.idle-release} without a reply. Every claim, release and reply is attributed to
 * the console user and audited ({@code desk_audit}). A link card an agent sends is tracked
 * (a short URL of its own, counted in the download funnel without a rule) unless its "track
 * taps" box is unticked.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "inbox", "rules", "outbox", "apps", "media", "cluster" })
package dev.kefu.desk;
