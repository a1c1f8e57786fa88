package dev.kefu.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The users of each emulated app and their chats. A user is known to WeChat (and so a
 * valid {@code touser} for the API) once they have pushed something to that app; their
 * OpenID is derived from the app and the user's name, so it is stable across restarts and
 * different for every app — an OpenID of one app is invalid (40003) for another.
 */
@Component
class Conversations {

	private final Map<String, Conversation> byKey = new ConcurrentHashMap<>();

	/** The user's chat with the app, created on the user's first action. */
	Conversation of(String appId, String userName) {
		String openId = openId(appId, userName);
		return this.byKey.computeIfAbsent(key(appId, openId), (key) -> new Conversation(appId, openId, userName));
	}

	Optional<Conversation> find(String appId, String openId) {
		return (openId != null) ? Optional.ofNullable(this.byKey.get(key(appId, openId))) : Optional.empty();
	}

	/**
	 * The chat the API addresses with {@code touser}.
	 * @throws Refusal 40003 when the OpenID is not a user of this app
	 */
	Conversation addressed(String appId, String openId) {
		return find(appId, openId).orElseThrow(() -> new Refusal(WechatError.INVALID_OPENID));
	}

	List<Conversation> ofApp(String appId) {
		return this.byKey.values()
			.stream()
			.filter((conversation) -> conversation.appId().equals(appId))
			.sorted(Comparator.comparing(Conversation::userName))
			.toList();
	}

	void forget(String appId) {
		this.byKey.values().removeIf((conversation) -> conversation.appId().equals(appId));
	}

	/** A 28-character OpenID starting with {@code o}, like WeChat's. */
	static String openId(String appId, String userName) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((appId + "\n" + userName).getBytes(StandardCharsets.UTF_8));
			return "o" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String key(String appId, String openId) {
		return appId + "/" + openId;
	}

}
