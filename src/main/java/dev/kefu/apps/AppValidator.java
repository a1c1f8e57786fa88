package dev.kefu.apps;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.kefu.apps.AppRejectedException.InvalidField;
import dev.kefu.wechat.push.PushMode;

/**
 * The rules an {@link AppDraft} must follow, one message per invalid field. Messages
 * never contain the rejected value.
 */
final class AppValidator {

	static final Pattern APP_ID = Pattern.compile("wx[0-9a-fA-F]{16}");

	static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");

	static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9]{43}");

	static final Pattern SECRET = Pattern.compile("\\p{Graph}{1,128}");

	static final int NAME_MAX = 100;

	private AppValidator() {
	}

	/** The invalid fields of a draft registering a new app; empty when it is valid. */
	static List<InvalidField> forRegistration(AppDraft draft) {
		List<InvalidField> invalid = new ArrayList<>();
		if (draft.appId() == null || draft.appId().isEmpty()) {
			invalid.add(new InvalidField("appId", "is required"));
		}
		else {
			checkAppId(draft.appId(), invalid);
		}
		check(draft, true, invalid);
		return invalid;
	}

	/**
	 * The invalid fields of a draft changing the app {@code appId}; empty when it is
	 * valid.
	 */
	static List<InvalidField> forUpdate(String appId, AppDraft draft) {
		List<InvalidField> invalid = new ArrayList<>();
		if (draft.appId() != null && !draft.appId().equals(appId)) {
			invalid.add(new InvalidField("appId", "cannot change: it must be absent or equal the AppID in the path"));
		}
		check(draft, false, invalid);
		return invalid;
	}

	static boolean isAppId(String appId) {
		return appId != null && APP_ID.matcher(appId).matches();
	}

	private static void checkAppId(String appId, List<InvalidField> invalid) {
		if (!isAppId(appId)) {
			invalid.add(new InvalidField("appId", "must be wx followed by 16 hex characters"));
		}
	}

	private static void check(AppDraft draft, boolean required, List<InvalidField> invalid) {
		if (present(draft.name(), required, "name", invalid)) {
			String name = draft.name().strip();
			if (name.isEmpty() || name.length() > NAME_MAX || name.chars().anyMatch(Character::isISOControl)) {
				invalid.add(new InvalidField("name", "must be 1 to " + NAME_MAX + " characters, not only spaces"));
			}
		}
		if (present(draft.secret(), required, "secret", invalid) && !SECRET.matcher(draft.secret()).matches()) {
			invalid.add(new InvalidField("secret", "must be 1 to 128 visible ASCII characters without spaces"));
		}
		if (present(draft.token(), required, "token", invalid) && !TOKEN.matcher(draft.token()).matches()) {
			invalid.add(new InvalidField("token", "must be 3 to 32 letters or digits"));
		}
		if (present(draft.encodingAesKey(), required, "encodingAesKey", invalid)
				&& !AES_KEY.matcher(draft.encodingAesKey()).matches()) {
			invalid.add(new InvalidField("encodingAesKey", "must be exactly 43 letters or digits"));
		}
		String previous = draft.previousEncodingAesKey();
		if (previous != null && !previous.isEmpty() && !AES_KEY.matcher(previous).matches()) {
			invalid.add(new InvalidField("previousEncodingAesKey", "must be exactly 43 letters or digits, or empty"));
		}
		if (draft.timeZone() != null && zone(draft.timeZone()) == null) {
			invalid.add(new InvalidField("timeZone", "must be a time zone id such as Asia/Shanghai"));
		}
		if (draft.pushMode() != null && !draft.pushMode().isEmpty() && pushMode(draft.pushMode()) == null) {
			invalid.add(new InvalidField("pushMode", "must be PLAINTEXT, COMPATIBLE or SAFE, or empty for none"));
		}
	}

	/**
	 * Whether there is a value to check further; a missing required value is recorded as
	 * invalid.
	 */
	private static boolean present(String value, boolean required, String field, List<InvalidField> invalid) {
		if (value == null || (required && value.isEmpty())) {
			if (required) {
				invalid.add(new InvalidField(field, "is required"));
			}
			return false;
		}
		return true;
	}

	/** The mode named (in any case), or {@code null} for none or an unknown name. */
	static PushMode pushMode(String name) {
		if (name == null) {
			return null;
		}
		for (PushMode mode : PushMode.values()) {
			if (mode.name().equalsIgnoreCase(name.strip())) {
				return mode;
			}
		}
		return null;
	}

	static ZoneId zone(String id) {
		try {
			return ZoneId.of(id);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

}
