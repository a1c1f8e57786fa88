package dev.kefu.rules;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;

/**
 * Apps for tests: each call registers a fresh one, so tests sharing a database never
 * meet.
 */
public final class TestApps {

	static final String TOKEN = "tokenOfTheTest1";

	private TestApps() {
	}

	public static String register(AppRegistry registry) {
		byte[] bytes = new byte[8];
		ThreadLocalRandom.current().nextBytes(bytes);
		String appId = "wx" + HexFormat.of().formatHex(bytes);
		registry.register(new AppDraft(appId, "规则测试", "5ecret5ecret5ecret5ecret5ecret99", TOKEN,
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, "Asia/Shanghai"));
		return appId;
	}

}
