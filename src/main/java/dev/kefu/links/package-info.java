/**
 * Tracked links and the download funnel: did a link card bring users where it points?
 * <p>
 * A link reply marked tracked ({@link dev.kefu.rules.Reply.Tracking}) is sent with a
 * short URL of its own for each delivery (a tracked text with one for each of its URLs,
 * {@link TextUrls}), on kefu's public address ({@code kefu.public-url}; sandbox apps use
 * this server's own): {@code /l/{code}}, where the code is 96 random bits
 * ({@link TrackedLinks}, called by the outbox as it sends). {@code GET /l/{code}}
 * redirects (302) to the stored target only, its own query kept and the rule's
 * {@code utm_*} parameters added; a malformed or unknown code gets a plain 404 page, a
 * code past {@code kefu.links.validity} a "link expired" page. A tracked mini program
 * card carries its code in its page path instead ({@code kefu_link=<code>}), and the mini
 * program reports the page's opening to {@code POST /l/{code}/opened}; such a code is
 * never redirected.
 * <p>
 * Each request for a valid code is a click: the code's delivery (app, rule, user, when it
 * was sent), when, and the platform from the User-Agent (iOS, Android, desktop, other,
 * and whether in WeChat's in-app browser). Link-preview fetchers and bots are recorded
 * but not counted. A click is put on a bounded queue and written in batches by a thread
 * of its own ({@code ClickRecorder}), so neither recording nor a database hiccup slows or
 * breaks the redirect; a small cache of recent codes answers most redirects without the
 * database.
 * <p>
 * The funnel ({@link LinkFunnel}): per app and rule, by day and for a period, messages
 * the rule matched (the rules' decisions), replies sent, users who tapped and taps, with
 * the tap-through rate and the split by platform; on the dashboard, each rule's page and
 * its own page with a CSV export, and as {@code kefu_links_clicks_total}. Codes and
 * clicks live in the shared database, so every instance redirects every code.
 * {@code LinksPurge} deletes them past {@code kefu.links.retention}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "apps", "rules" })
package dev.kefu.links;
