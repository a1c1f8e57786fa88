/**
 * The agent desk: people answer users live from the console, beside the auto-replies. An
 * agent sees the app's conversations with unread counts, live (server-sent events; across
 * instances through Redis pub/sub when Redis is configured, otherwise each instance polls
 * the database every {@code kefu.desk.poll-interval}), claims a conversation (a
 * {@link dev.kefu.rules.Holds hold}: exclusive across instances, and keyword and default
 * rules stay silent for that user while it lasts), answers by hand through the outbox
 * ({@link dev.kefu.outbox.HandReplies}: the same allowance, tokens, media and retries as
 * the rules' replies) and releases it, or it lapses after {@code kefu.desk.idle-release}
 * without a reply. Replies by hand are text, link cards, images (from the app's assets,
 * or uploaded on the spot from the reply form and stored as an asset) and mini program
 * cards. {@link dev.kefu.desk.QuickReplies} is each app's library of canned answers,
 * inserted at the desk with one click or by typing {@code /} and the shortcut; operators
 * keep it (add, edit and delete, each logged with who did it), with the app's choice of
 * whether welcome replies still answer a held user and the app's desk hours (outside them
 * a rule's hand-over gets the AGENTS_OFFLINE reply, agents online or not; the desk shows
 * a notice), at {@code /apps/{appId}/desk-settings}. Agents and operators keep notes and
 * a few tags on each user of an app ({@code desk_user_note}), shown beside the open
 * conversation and live: a change is signalled like a message, and every desk with that
 * user open shows it within a second, except one whose notes are being edited, which says
 * who changed them and offers to load theirs. A new message is announced by the tab title
 * and, where the agent turned the sound on (remembered per browser, off by default), a
 * short chime the page makes itself. While an agent types a reply,
 * {@link dev.kefu.desk.DeskTyping} asks WeChat to show the user "typing…"
 * (customerServiceMessage.setTyping through {@code wechat.api}): in the background, at
 * most once per user every 15 s on each instance, and WeChat's refusals are only logged
 * at debug. Every claim, release, reply and change of notes and tags is attributed to the
 * console user and audited ({@code desk_audit}); {@code DeskPurge} deletes audit entries
 * and read markers older than {@code kefu.desk.retention}.
 * {@link dev.kefu.desk.DeskFigures} gives the dashboard the app's and each agent's
 * figures for a period: conversations handed to agents, users waiting now, median and
 * 90th percentile time to the first reply by hand, replies sent by hand: counted by the
 * database when asked, reading only the messages of users answered by hand. A link card
 * an agent sends is tracked (a short URL of its own, counted in the download funnel
 * without a rule) unless its "track taps" box is unticked; quick replies keep links
 * untracked and the agent's box decides when one is sent.
 * <p>
 * A rule can hand a user to an agent: the user waits among the waiting conversations,
 * held by {@link dev.kefu.rules.Holds#QUEUE} (no agent yet), which any agent's claim
 * takes over. The desk tells the rules whether an agent is online: {@code DeskSignals}
 * marks the app seen ({@link dev.kefu.rules.AgentPresence}) when a desk page connects,
 * and {@code DeskPresence}, every 10 s, drops the streams of pages that went away and
 * marks the apps still watched here.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "inbox", "rules", "outbox", "apps", "media", "cluster", "wechat::api" })
package dev.kefu.desk;
