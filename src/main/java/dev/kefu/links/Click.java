package dev.kefu.links;

import java.time.Instant;

/**
 * One request for a valid code, as it is recorded.
 *
 * @param id time-ordered
 * @param code the code asked for
 * @param appId the code's app
 * @param ruleId the code's rule, or {@code null}
 * @param openId the user the code was sent to
 * @param at when
 * @param visitor who asked
 */
record Click(String id, String code, String appId, String ruleId, String openId, Instant at, Visitor visitor) {
}
