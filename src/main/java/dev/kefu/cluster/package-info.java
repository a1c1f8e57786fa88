/**
 * What the instances of kefu share besides the database, used by the other modules:
 * {@link dev.kefu.cluster.OptionalRedis}, whether Redis is configured (state shared
 * between instances moves there then, and stays in the database otherwise);
 * {@link dev.kefu.cluster.LeasedFetch}, one fetch at a time per key across threads and
 * instances (access tokens, media_ids), whose waiters wake when the lease is given back
 * ({@link dev.kefu.cluster.LeaseReleases}, through Redis pub/sub when Redis is
 * configured, announced and subscribed off the callers' threads so that a Redis that is
 * down never holds up a fetch or the start); {@link dev.kefu.cluster.ViewRefresher},
 * which loads an in-memory view of shared state (the apps, the compiled rules) before the
 * web server takes requests and polls its stored revision for other instances' changes.
 * Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.kefu.cluster;
