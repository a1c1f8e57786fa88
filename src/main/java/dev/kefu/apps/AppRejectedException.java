package dev.kefu.apps;

import java.util.List;

/**
 * A change to the apps was refused. {@link #reason()} says why; for
 * {@link Reason#INVALID_FIELDS}, {@link #invalidFields()} names each field and what is
 * wrong with it (never its value).
 */
public class AppRejectedException extends RuntimeException {

	/** Why a change was refused. */
	public enum Reason {

		/** One or more fields are missing or malformed. */
		INVALID_FIELDS,

		/** No app has that AppID. */
		UNKNOWN_APP,

		/** An app with that AppID already exists. */
		DUPLICATE_APP_ID

	}

	/**
	 * One field that is missing or malformed.
	 *
	 * @param field the field's name as in {@link AppDraft}
	 * @param reason what is wrong, in words
	 */
	public record InvalidField(String field, String reason) {
	}

	private final Reason reason;

	private final transient List<InvalidField> invalidFields;

	AppRejectedException(Reason reason, String message, List<InvalidField> invalidFields) {
		super(message);
		this.reason = reason;
		this.invalidFields = List.copyOf(invalidFields);
	}

	static AppRejectedException invalid(List<InvalidField> fields) {
		return new AppRejectedException(Reason.INVALID_FIELDS,
				"Invalid " + String.join(", ", fields.stream().map(InvalidField::field).toList()), fields);
	}

	static AppRejectedException unknown(String appId) {
		return new AppRejectedException(Reason.UNKNOWN_APP, "No app " + appId, List.of());
	}

	static AppRejectedException duplicate(String appId) {
		return new AppRejectedException(Reason.DUPLICATE_APP_ID, "App " + appId + " already exists", List.of());
	}

	public Reason reason() {
		return this.reason;
	}

	public List<InvalidField> invalidFields() {
		return this.invalidFields;
	}

}
