/**
 * Operator image assets: content-checked images stored in the database, uploaded through
 * {@code /api/apps/{appId}/assets} or the console's asset screen, or fetched (SSRF-safe)
 * from a URL, and their WeChat media_id lifecycle: uploaded once per asset across all
 * instances ({@link dev.kefu.cluster.LeasedFetch}) and renewed before WeChat forgets it.
 * Modules that refer to assets (the rules) implement {@link dev.kefu.media.AssetUsage},
 * which keeps an asset in use from being deleted and tells the asset screen where each is
 * used; media depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "apps", "wechat::api", "cluster" })
package dev.kefu.media;
