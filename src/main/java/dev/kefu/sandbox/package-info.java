/**
 * Sandbox mode: kefu working out of the box with no WeChat account. On a fresh start with no
 * app configured it creates a sandbox app with generated credentials, seeds example rules and
 * an image, switches the built-in WeChat emulator on (unless {@code kefu.emulator.enabled} says
 * otherwise), registers the sandbox apps with the emulator over HTTP — the emulator knows apps
 * only the way WeChat does — and prints where to chat and where to edit the rules.
 * <p>
 * Sandbox apps call the emulator instead of WeChat ({@code kefu.wechat.sandbox-api-base-url});
 * real apps configured later are left alone and the sandbox app stays, marked as such.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "apps", "rules", "media" })
package dev.kefu.sandbox;
