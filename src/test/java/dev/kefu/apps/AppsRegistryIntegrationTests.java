package dev.kefu.apps;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;

@AppsIntegrationTest
class AppsRegistryIntegrationTests {

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	private static final String SECRET = "c1ea75ec7e7c1ea75ec7e7c1ea75ec7e";

	private static final String TOKEN = "clearToken42";

	@Autowired
	private AppRegistry registry;

	@Autowired
	private Apps apps;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ConfigurableApplicationContext context;

	/**
	 * AppChanged events from any thread: the poller may be the one that announces a
	 * change.
	 */
	private final List<AppChanged> events = new CopyOnWriteArrayList<>();

	private final ApplicationListener<ApplicationEvent> recorder = (event) -> {
		if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof AppChanged changed) {
			this.events.add(changed);
		}
	};

	@BeforeEach
	void recordAppChanged() {
		this.context.addApplicationListener(this.recorder);
	}

	@AfterEach
	void stopRecording() {
		this.context.removeApplicationListener(this.recorder);
	}

	@Test
	void storesNoCredentialInClear() {
		String appId = newAppId();
		this.registry.register(new AppDraft(appId, "n", SECRET, TOKEN, AES_KEY, AES_KEY.toLowerCase(), null, null));

		Map<String, Object> row = this.jdbc.sql("SELECT * FROM apps_app WHERE app_id = ?")
			.param(appId)
			.query()
			.singleRow();

		assertThat(row.values()).map(String::valueOf)
			.allSatisfy((column) -> assertThat(column).doesNotContain(SECRET, TOKEN, AES_KEY, AES_KEY.toLowerCase()));
		assertThat(this.apps.find(appId)).get()
			.satisfies((app) -> assertThat(app.secret()).isEqualTo(SECRET))
			.satisfies((app) -> assertThat(app.previousEncodingAesKey()).isEqualTo(AES_KEY.toLowerCase()));
	}

	@Test
	void bootstrapsTheAppGivenByTheEnvironment() {
		assertThat(this.apps.find(AppsIntegrationTest.BOOTSTRAP_APP_ID)).get().satisfies((app) -> {
			assertThat(app.name()).isEqualTo("Bootstrapped");
			assertThat(app.secret()).isEqualTo(AppsIntegrationTest.BOOTSTRAP_SECRET);
			assertThat(app.token()).isEqualTo("bootToken");
			assertThat(app.encodingAesKey()).isEqualTo(AppsIntegrationTest.BOOTSTRAP_AES_KEY);
			assertThat(app.previousEncodingAesKey()).isNull();
		});
	}

	@Test
	void publishesAppChangedOnRegisterUpdateAndRemove() {
		String appId = newAppId();

		this.registry.register(new AppDraft(appId, "n", SECRET, TOKEN, AES_KEY, null, null, null));
		this.registry.update(appId, new AppDraft(null, "renamed", null, null, null, null, null, null));
		this.registry.remove(appId);

		assertThat(this.events).containsExactly(new AppChanged(appId), new AppChanged(appId), new AppChanged(appId));
	}

	@Test
	void seesAChangeAnotherInstanceCommittedOnceTheRevisionMoves() {
		String appId = newAppId();
		this.registry.register(new AppDraft(appId, "before", SECRET, TOKEN, AES_KEY, null, null, null));
		this.events.clear();

		// what another instance sharing the database does when it renames the app
		this.jdbc.sql("UPDATE apps_app SET name = 'after', updated_at = updated_at + 1 WHERE app_id = ?")
			.param(appId)
			.update();
		this.jdbc.sql("UPDATE apps_revision SET revision = revision + 1").update();
		this.apps.refreshIfChanged();

		assertThat(this.apps.find(appId)).get().extracting(App::name).isEqualTo("after");
		assertThat(this.events).containsExactly(new AppChanged(appId));
	}

	@Test
	void findsNothingForNoAppId() {
		assertThat(this.apps.find(null)).isEmpty();
		assertThat(this.apps.find("wx0000000000000000")).isEmpty();
	}

	@Test
	void neverShowsCredentialsInAnAppsToString() {
		assertThat(this.apps.find(AppsIntegrationTest.BOOTSTRAP_APP_ID)).get()
			.extracting(App::toString)
			.asString()
			.contains(AppsIntegrationTest.BOOTSTRAP_APP_ID)
			.doesNotContain(AppsIntegrationTest.BOOTSTRAP_SECRET, AppsIntegrationTest.BOOTSTRAP_AES_KEY, "bootToken");
	}

	static String newAppId() {
		byte[] bytes = new byte[8];
		ThreadLocalRandom.current().nextBytes(bytes);
		return "wx" + HexFormat.of().formatHex(bytes);
	}

}
