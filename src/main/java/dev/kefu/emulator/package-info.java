/**
 * A local, strict stand-in for the WeChat platform, for development, demos, tests and the
 * sandbox. It plays both sides WeChat plays:
 * <ul>
 * <li>the customer-service HTTP API under {@code /emulator/api/cgi-bin/...} (access tokens,
 * send, typing, temporary media), refusing what WeChat refuses with WeChat's error codes, so
 * {@code kefu.wechat.api-base-url} can point at it;</li>
 * <li>the pushing user under {@code /emulator}: a chat page that signs, encrypts and POSTs
 * message pushes to a callback URL exactly as WeChat does, and shows the replies that reach the
 * API as WeChat renders them.</li>
 * </ul>
 * It keeps its own registry of "WeChat-side" apps and all its state in memory, behind a clock
 * that the fault controls can skip forward. It talks to the rest of kefu only over HTTP, like
 * WeChat; nothing depends on it. Everything under {@code /emulator} answers 404 unless
 * {@code kefu.emulator.enabled} is true (the sandbox turns it on while it is in use).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "wechat::push" })
package dev.kefu.emulator;
