package dev.kefu.emulator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The refusals the emulated WeChat API gives, with WeChat's error codes and messages
 * (wechat-protocol.md §7–§9 and WeChat's global error table). WeChat answers every
 * refusal with HTTP 200 and a JSON body {@code {"errcode":…,"errmsg":"…"}}.
 */
enum WechatError {

	SYSTEM_BUSY(-1, "system error"),
	INVALID_CREDENTIAL(40001, "invalid credential, access_token is invalid or not latest"),
	INVALID_SECRET(40001, "invalid credential, appsecret is wrong"), INVALID_GRANT_TYPE(40002, "invalid grant_type"),
	INVALID_OPENID(40003, "invalid openid"), INVALID_MEDIA_TYPE(40004, "invalid media type"),
	INVALID_MEDIA_SIZE(40006, "invalid media size"), INVALID_MEDIA_ID(40007, "invalid media_id"),
	INVALID_MESSAGE_TYPE(40008, "invalid message type"), INVALID_APPID(40013, "invalid appid"),
	INVALID_CHARSET(40033, "invalid charset. please check your request, if include \\uxxxx will create fail!"),
	ACCESS_TOKEN_MISSING(41001, "access_token missing"), ACCESS_TOKEN_EXPIRED(42001, "access_token expired"),
	EMPTY_CONTENT(44004, "empty content"), DAILY_QUOTA(45009, "reach max api daily quota limit"),
	MINUTE_QUOTA(45011, "api minute-quota reach limit, must slower, retry next minute"),
	OUT_OF_TIME_LIMIT(45015, "response out of time limit or subscription is canceled"),
	OUT_OF_COUNT_LIMIT(45047, "out of response count limit"), INVALID_COMMAND(45072, "command field invalid"),
	NO_RECENT_INTERACTION(45080, "no message interaction with the user in the past 30 seconds"),
	ALREADY_TYPING(45081, "already typing"), DATA_FORMAT(47001, "data format error"),
	UNAUTHORIZED(48001, "api unauthorized");

	private final int errcode;

	private final String errmsg;

	WechatError(int errcode, String errmsg) {
		this.errcode = errcode;
		this.errmsg = errmsg;
	}

	int errcode() {
		return this.errcode;
	}

	String errmsg() {
		return this.errmsg;
	}

	/** The first error with this code, for injecting a code chosen by number. */
	static Optional<WechatError> of(int errcode) {
		return Arrays.stream(values()).filter((error) -> error.errcode == errcode).findFirst();
	}

}
