package dev.kefu.apps;

import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the registry must do on every supported database: the migrations applied, apps
 * registered, changed and removed, credentials never stored in clear.
 */
final class RegistryScenario {

	static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	static final String NEW_AES_KEY = "NEWabcdefghijklmnopqrstuvwxyz0123456789ABCD";

	static final String SECRET = "db5ec7e7db5ec7e7db5ec7e7db5ec7e7";

	static final String TOKEN = "dbToken99";

	private RegistryScenario() {
	}

	static void run(ApplicationContext context, String appId) {
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		AppRegistry registry = context.getBean(AppRegistry.class);
		Apps apps = context.getBean(Apps.class);

		assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL")
			.query(String.class)
			.list()).contains("1", "1.1");

		registry.register(new AppDraft(appId, "数据库测试", SECRET, TOKEN, AES_KEY, null, true, "Europe/Berlin"));
		assertThatExceptionOfType(AppRejectedException.class)
			.isThrownBy(() -> registry.register(new AppDraft(appId, "again", SECRET, TOKEN, AES_KEY, null, null, null)))
			.extracting(AppRejectedException::reason)
			.isEqualTo(AppRejectedException.Reason.DUPLICATE_APP_ID);
		registry.update(appId, new AppDraft(null, null, null, null, NEW_AES_KEY, null, null, null));

		App app = apps.find(appId).orElseThrow();
		assertThat(List.of(app.name(), app.secret(), app.token(), app.encodingAesKey(), app.previousEncodingAesKey()))
			.containsExactly("数据库测试", SECRET, TOKEN, NEW_AES_KEY, AES_KEY);
		assertThat(app.sandbox()).isTrue();
		assertThat(app.timeZone().getId()).isEqualTo("Europe/Berlin");
		assertThat(registry.find(appId)).get().satisfies((summary) -> {
			assertThat(summary.hasPreviousEncodingAesKey()).isTrue();
			assertThat(summary.updatedAt()).isAfter(summary.createdAt());
		});

		Map<String, Object> row = jdbc.sql("SELECT * FROM apps_app WHERE app_id = ?").param(appId).query().singleRow();
		assertThat(row.values()).map(String::valueOf)
			.allSatisfy((column) -> assertThat(column).doesNotContain(SECRET, TOKEN, AES_KEY, NEW_AES_KEY));

		registry.remove(appId);
		assertThat(apps.find(appId)).isEmpty();
		assertThat(registry.find(appId)).isEmpty();
	}

}
