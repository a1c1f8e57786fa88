package dev.kefu.apps;

/**
 * An app was created, updated or deleted. Published on every instance once its view of
 * the apps ({@link Apps}) reflects the change, so caches keyed by app can be dropped;
 * look the app up with {@link Apps#find(String)} to learn its new state (empty when
 * deleted). Changes made on another instance sharing the database arrive within the
 * refresh interval, and several quick changes to one app may arrive as one event.
 *
 * @param appId the app that changed
 */
public record AppChanged(String appId) {
}
