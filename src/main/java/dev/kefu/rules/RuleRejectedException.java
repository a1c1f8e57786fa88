package dev.kefu.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A change to the rules was refused. {@link #reason()} says why; for
 * {@link Reason#INVALID_FIELDS}, {@link #invalidFields()} names each field and what is
 * wrong.
 */
public class RuleRejectedException extends RuntimeException {

	/** Why a change was refused. */
	public enum Reason {

		/** One or more fields are missing, malformed or in conflict with another rule. */
		INVALID_FIELDS,

		/** No app has that AppID. */
		UNKNOWN_APP,

		/** The app has no rule with that id. */
		UNKNOWN_RULE,

		/** The rule has no such version. */
		UNKNOWN_VERSION,

		/** The version is the rule's deletion, which cannot be restored. */
		NOT_RESTORABLE

	}

	/**
	 * One field that is wrong.
	 *
	 * @param field its path in the request, e.g. {@code keywords[0].text}
	 * @param reason what is wrong, in words
	 * @param ruleId the other rule, when the field conflicts with one; otherwise
	 * {@code null}
	 */
	public record InvalidField(String field, String reason, String ruleId) {

		InvalidField(String field, String reason) {
			this(field, reason, null);
		}

		InvalidField under(String prefix) {
			return new InvalidField(prefix + (this.field.startsWith("[") ? "" : ".") + this.field, this.reason,
					this.ruleId);
		}

	}

	private final Reason reason;

	private final transient List<InvalidField> invalidFields;

	RuleRejectedException(Reason reason, String message, List<InvalidField> invalidFields) {
		super(message);
		this.reason = reason;
		this.invalidFields = List.copyOf(invalidFields);
	}

	static RuleRejectedException invalid(List<InvalidField> fields) {
		return new RuleRejectedException(Reason.INVALID_FIELDS,
				fields.stream().map((field) -> field.field() + ": " + field.reason()).collect(Collectors.joining("; ")),
				fields);
	}

	static RuleRejectedException unknownApp(String appId) {
		return new RuleRejectedException(Reason.UNKNOWN_APP, "No app " + appId, List.of());
	}

	static RuleRejectedException unknownRule(String id) {
		return new RuleRejectedException(Reason.UNKNOWN_RULE, "No rule " + id, List.of());
	}

	static RuleRejectedException unknownVersion(String id, int version) {
		return new RuleRejectedException(Reason.UNKNOWN_VERSION, "Rule " + id + " has no version " + version,
				List.of());
	}

	static RuleRejectedException notRestorable(String id, int version) {
		return new RuleRejectedException(Reason.NOT_RESTORABLE,
				"Version " + version + " of rule " + id + " is its deletion; restore an earlier version", List.of());
	}

	public Reason reason() {
		return this.reason;
	}

	public List<InvalidField> invalidFields() {
		return this.invalidFields;
	}

}
