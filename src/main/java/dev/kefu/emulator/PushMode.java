package dev.kefu.emulator;

/**
 * The message encryption modes of WeChat's message push configuration (wechat-protocol.md
 * §1, §3): plaintext (明文), compatible (兼容: plaintext fields plus {@code Encrypt}) and
 * safe (安全: {@code Encrypt} only).
 */
enum PushMode {

	PLAINTEXT, COMPATIBLE, SAFE;

	boolean encrypted() {
		return this != PLAINTEXT;
	}

}
