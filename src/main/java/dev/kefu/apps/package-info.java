/**
 * The mini programs kefu serves: their credentials (secret and EncodingAESKey encrypted at rest),
 * the message encryption mode each uses in WeChat ({@link dev.kefu.wechat.push.PushMode}, or none
 * recorded), the admin API for them, and the bootstrap of one app from the environment.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "wechat::push", "cluster" })
package dev.kefu.apps;
