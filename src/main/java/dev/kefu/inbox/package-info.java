/**
 * The URL WeChat pushes to: verify, decrypt, decode, de-duplicate, record, and publish
 * {@link dev.kefu.inbox.MessageReceived} in the same transaction, then answer at once.
 * {@code InboxPurge} deletes records older than {@code kefu.inbox.retention}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "apps", "wechat::push" })
package dev.kefu.inbox;
