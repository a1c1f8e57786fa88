/**
 * The mini programs kefu serves: their credentials (secret and EncodingAESKey encrypted
 * at rest), the message encryption mode each uses in WeChat
 * ({@link dev.kefu.wechat.push.PushMode}, or none recorded), the admin API for them, and
 * the bootstrap of one app from the environment. Every instance holds the apps in memory
 * ({@link dev.kefu.apps.Apps}), loaded before the web server takes requests and reloaded
 * when the stored revision moves ({@code AppsRefresher}, a
 * {@link dev.kefu.cluster.ViewRefresher} polling every
 * {@code kefu.apps.refresh-interval}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "wechat::push", "cluster" })
package dev.kefu.apps;
