/**
 * Operator image assets: content-checked images stored in the database, uploaded through
 * {@code /api/apps/{appId}/assets} or fetched (SSRF-safe) from a URL, and their WeChat media_id
 * lifecycle.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "apps", "wechat::api", "cluster" })
package dev.kefu.media;
