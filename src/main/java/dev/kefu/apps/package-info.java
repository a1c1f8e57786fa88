/**
 * The mini programs kefu serves: their credentials (secret and EncodingAESKey encrypted at rest),
 * the admin API for them, and the bootstrap of one app from the environment.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "wechat::push" })
package dev.kefu.apps;
