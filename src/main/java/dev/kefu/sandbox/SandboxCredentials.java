package dev.kefu.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;

import dev.kefu.apps.AppDraft;

/** Generated credentials for a sandbox app, in the shapes WeChat uses. */
final class SandboxCredentials {

	static final String NAME = "沙箱小程序 Sandbox";

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private SandboxCredentials() {
	}

	static AppDraft generate(SecureRandom random) {
		byte[] id = new byte[8];
		byte[] secret = new byte[16];
		random.nextBytes(id);
		random.nextBytes(secret);
		return new AppDraft("wx" + HexFormat.of().formatHex(id), NAME, HexFormat.of().formatHex(secret),
				alphanumeric(random, 32), alphanumeric(random, 43), null, true, null);
	}

	private static String alphanumeric(SecureRandom random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
		}
		return text.toString();
	}

}
