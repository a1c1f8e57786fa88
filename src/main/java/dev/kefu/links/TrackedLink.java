package dev.kefu.links;

import java.util.Map;
import java.util.Objects;

/**
 * A tracked link about to be sent in a reply part.
 *
 * @param appId the mini program
 * @param sandbox whether it is a sandbox app (its short URLs may use this server's own
 * address)
 * @param ruleId the rule that planned the reply, or {@code null}
 * @param deliveryId the reply part (the outbox delivery); its retries get the same code
 * @param slot the link's position among the part's tracked links, from 0
 * @param openId the user
 * @param url where the link points
 * @param utm the {@code utm_*} parameters to add, by name without the prefix, in order
 */
public record TrackedLink(String appId, boolean sandbox, String ruleId, String deliveryId, int slot, String openId,
		String url, Map<String, String> utm) {

	public TrackedLink {
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(deliveryId, "deliveryId");
		Objects.requireNonNull(openId, "openId");
		Objects.requireNonNull(url, "url");
		utm = (utm != null) ? utm : Map.of();
	}

}
