/**
 * Sandbox mode: kefu working out of the box with no WeChat account. On a fresh start with
 * no app configured it creates a sandbox app with generated credentials, seeds example
 * rules and an image, and prints where to chat and where to edit the rules. The built-in
 * WeChat emulator plays the sandbox apps on its own: it serves while no real app exists
 * (unless {@code kefu.emulator.enabled} says otherwise) and registers the sandbox apps it
 * finds.
 * <p>
 * Sandbox apps call the emulator instead of WeChat
 * ({@code kefu.wechat.sandbox-api-base-url}); real apps configured later are left alone
 * and the sandbox app stays, marked as such.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "apps", "rules", "media" })
package dev.kefu.sandbox;
