/**
 * WeChat's server-side HTTP API as kefu uses it: access tokens (cached, refreshed by one
 * caller at a time across all instances with {@link dev.kefu.cluster.LeasedFetch}, shared
 * in the database or in Redis when configured), customerServiceMessage.send, setTyping
 * and uploadTempMedia (setTyping is asked for by the outbox while it uploads an image and
 * by the agent desk while an agent types). Callers pass the app's credentials in; this
 * package looks nothing up. Calls block the calling thread on a pool of kept-alive
 * HTTP/1.1 connections (Apache HttpClient's classic client), whose debug logging is kept
 * off because it quotes URLs.
 * <p>
 * Every answer is a value: {@link dev.kefu.wechat.api.ApiResult} carries either the
 * result or an {@link dev.kefu.wechat.api.ApiError} whose
 * {@link dev.kefu.wechat.api.ApiError.Kind} tells the caller what to do next. No access
 * token or secret is ever written to a log, and access tokens are stored sealed
 * ({@code TokenSeal}).
 */
@org.springframework.modulith.NamedInterface("api")
package dev.kefu.wechat.api;
