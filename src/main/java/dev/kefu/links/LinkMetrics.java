package dev.kefu.links;

/** Tag values of the links' meters. */
final class LinkMetrics {

	/** The rule tag of a reply no rule planned. */
	static final String NO_RULE = "none";

	private LinkMetrics() {
	}

	static String rule(String ruleId) {
		return (ruleId != null) ? ruleId : NO_RULE;
	}

}
