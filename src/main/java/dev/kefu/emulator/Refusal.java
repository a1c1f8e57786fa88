package dev.kefu.emulator;

/**
 * A call the emulated WeChat API refuses, answered as {@code {"errcode":…,"errmsg":"…"}}.
 * Thrown from deep inside a check and turned into the answer at the edge; it carries no
 * stack trace because it is an answer, not a fault.
 */
final class Refusal extends RuntimeException {

	private final int errcode;

	private final String errmsg;

	Refusal(int errcode, String errmsg) {
		super(errcode + " " + errmsg, null, false, false);
		this.errcode = errcode;
		this.errmsg = errmsg;
	}

	Refusal(WechatError error) {
		this(error.errcode(), error.errmsg());
	}

	int errcode() {
		return this.errcode;
	}

	String errmsg() {
		return this.errmsg;
	}

}
