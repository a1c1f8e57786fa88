/**
 * The operator console shell: users (ADMIN, EDITOR, and AGENT, who may only use the desk
 * and read), login and security, layout and dashboard. Each module owns its own screens;
 * this module may use any of them, and none may use it. Security here: sign-in throttled
 * per address and account with one answer for every failure, a password policy, sessions
 * that end when their user changes, {@code /api} closed to cross-site browser requests,
 * the browser headers (CSP, Referrer-Policy, HSTS) on every answer, and uploads over the
 * limit refused with 413 in words before anything reads them. The session remembers the
 * app of the last page shown (not of a part of a page loaded after it), and {@code /} and
 * {@code /apps} lead to it. The test console decides nothing itself: it asks
 * {@link dev.kefu.rules.Rehearsals} what the rules would do (and which rules lost, and
 * why), the outbox for the allowance and the API client's message types for the send
 * body.
 */
@org.springframework.modulith.ApplicationModule
package dev.kefu.console;
