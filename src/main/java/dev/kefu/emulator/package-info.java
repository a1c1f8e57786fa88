/**
 * A local, strict stand-in for the WeChat platform, for development, demos, tests and the
 * sandbox. It plays both sides WeChat plays:
 * <ul>
 * <li>the customer-service HTTP API under {@code /emulator/api/cgi-bin/...} (access
 * tokens, send, typing, temporary media), refusing what WeChat refuses with WeChat's
 * error codes (for typing: 45072 a bad command, 45080 no interaction in the last 30 s,
 * 45081 already typing, and 45015/45047 when no send would be allowed), so
 * {@code kefu.wechat.api-base-url} can point at it;</li>
 * <li>the pushing user under {@code /emulator}: a chat page that signs, encrypts and
 * POSTs message pushes to a callback URL exactly as WeChat does, and shows the replies
 * that reach the API as WeChat renders them, and "typing…" while a typing state lasts (15
 * s, or until a reply).</li>
 * </ul>
 * It keeps its own registry of "WeChat-side" apps and all its state in memory, behind a
 * clock that the fault controls can skip forward. It pushes to kefu only over HTTP, like
 * WeChat, and nothing depends on it; it reads kefu's apps for one thing only, safety: it
 * plays the sandbox apps (registering them itself) and never a real app, and it is a
 * development tool that must not stay on in production.
 * <p>
 * <b>Safety.</b> {@code kefu.emulator.enabled} unset, it serves while kefu has no real
 * app and answers 404 from the moment one exists; {@code true} or {@code false} decides
 * outright ({@link EmulatorSwitch}). When on, only the API side
 * ({@code /emulator/api/**}) is open and checks access tokens like WeChat; the chat page
 * and the JSON controls need a console sign-in and a CSRF token, and registering apps or
 * setting faults needs ADMIN. It pushes only to this server's own {@code /wechat/{appId}}
 * ({@link PushTargets}), shows the callback's HTTP status but never its body, and holds
 * at most {@code kefu.emulator.media-memory} of images.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "wechat::push", "apps" })
package dev.kefu.emulator;
