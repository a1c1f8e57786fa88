package dev.kefu;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whole kefu instances started by hand, for tests about several instances, restarts and
 * other databases: each gets a random port and the given database and fake WeChat.
 */
public final class KefuInstances {

	private KefuInstances() {
	}

	/**
	 * Starts an instance; {@code properties} ({@code name=value}) override the test
	 * defaults.
	 */
	public static ConfigurableApplicationContext start(String databaseUrl, FakeWeChat wechat, String... properties) {
		Map<String, String> settings = new LinkedHashMap<>();
		List<String> given = new ArrayList<>(List.of("server.port=0", "spring.datasource.url=" + databaseUrl,
				"spring.datasource.username=" + user(databaseUrl), "spring.datasource.password=",
				"kefu.wechat.api-base-url=" + wechat.baseUrl(), "kefu.data-dir=target/test-data/" + UUID.randomUUID(),
				KefuTestProperties.SECRETS_KEY, KefuTestProperties.ADMIN_PASSWORD, KefuTestProperties.FAST_RETRIES,
				KefuTestProperties.SHORT_RETRY_CAP, KefuTestProperties.QUICK_TAKEOVER));
		given.addAll(List.of(properties));
		for (String property : given) {
			String[] pair = property.split("=", 2);
			settings.put(pair[0], pair[1]);
		}
		return new SpringApplicationBuilder(KefuApplication.class).run(settings.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

	/**
	 * Registers a new app through this instance and with the fake WeChat; returns its
	 * AppID.
	 */
	public static String registerApp(ConfigurableApplicationContext instance, FakeWeChat wechat) {
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String secret = "secret" + UUID.randomUUID().toString().replace("-", "");
		instance.getBean(AppRegistry.class)
			.register(new AppDraft(appId, "test " + appId, secret, "token" + appId.substring(2, 10),
					"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, null, null));
		wechat.register(appId, secret);
		return appId;
	}

	public static ReplyPlanned replyPlanned(String appId, String openId, ReplyPlanned.Cause cause, Reply... replies) {
		return new ReplyPlanned(UUID.randomUUID().toString(), appId, openId, cause, Instant.now(), null,
				List.of(replies));
	}

	/** Publishes the event in the instance, in a transaction, as the rules do. */
	public static void publish(ConfigurableApplicationContext instance, ReplyPlanned planned) {
		new TransactionTemplate(instance.getBean(PlatformTransactionManager.class))
			.executeWithoutResult((status) -> instance.publishEvent(planned));
	}

	private static String user(String databaseUrl) {
		if (databaseUrl.startsWith("jdbc:postgresql:")) {
			return "postgres";
		}
		return databaseUrl.startsWith("jdbc:h2:") ? "sa" : "root";
	}

}
