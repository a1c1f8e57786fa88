/**
 * WeChat's server API as kefu uses it: access tokens, customer-service send, typing and
 * temporary media upload, with their error kinds.
 */
@org.springframework.modulith.NamedInterface("api")
package dev.kefu.wechat.api;
