package dev.kefu.links;

import java.time.Instant;

/**
 * A tracked link as one delivery carries it.
 *
 * @param code the short URL's last segment
 * @param appId the mini program
 * @param ruleId the rule that planned the reply, or {@code null}
 * @param deliveryId the outbox delivery (the reply part) it was sent in
 * @param slot its position among the tracked links of that part, from 0
 * @param openId the user it was sent to
 * @param target where it redirects: the link's URL with the utm parameters added
 * @param issuedAt when it was made (the part's first attempt)
 * @param expiresAt from when it no longer redirects
 */
record LinkCode(String code, String appId, String ruleId, String deliveryId, int slot, String openId, String target,
		Instant issuedAt, Instant expiresAt) {

	boolean expired(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

}
