package dev.kefu.inbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.kefu.DatabaseTimeouts;
import dev.kefu.FakeWeChat;
import dev.kefu.KefuInstances;
import dev.kefu.TcpProxy;
import dev.kefu.TestDatabases;
import dev.kefu.inbox.OutageTimeline.Sample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat waits 5 s for an answer, then retries the push. While the database is gone kefu
 * must refuse pushes quickly (503, so WeChat retries instead of hearing {@code success}
 * about a push that is not on disk), report DOWN, and come back by itself when the
 * database does.
 * <p>
 * kefu runs on a real server database reached through a {@link TcpProxy}; pushers send
 * distinct pushes from several threads while the proxy cuts the database off for several
 * seconds and then restores it. Every push acknowledged with 200 is then looked for in
 * the database directly.
 */
class DatabaseOutageIntegrationTests {

	/**
	 * The promise under test: any push is answered within this while the database is
	 * gone.
	 */
	private static final long ANSWER_WITHIN_MILLIS = 2000;

	/**
	 * For a busy 2-core machine that also runs the test's own pushers and the database.
	 */
	private static final long SLACK_MILLIS = 300;

	private static final Duration OUTAGE = Duration.ofSeconds(7);

	/**
	 * From the restore to the first push accepted again, after connections were reset.
	 * The pool retries connecting with a backoff that grows to 5 s during an outage, so
	 * the first new connection can come up to 5 s after the database, plus a connection
	 * timeout.
	 */
	private static final long RECOVERY_MILLIS = 8000;

	private static final int PUSHERS = 6;

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	final FakeWeChat wechat = FakeWeChat.start();

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	@AfterEach
	void stopFake() {
		this.wechat.close();
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void postgresGoneRefusesWithin2sIsDownRecoversAndKeepsEveryAcknowledgedPush() throws Exception {
		outage(TestDatabases.freshPostgres(), 5432, TcpProxy::cut, RECOVERY_MILLIS);
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void mariadbGoneRefusesWithin2sIsDownRecoversAndKeepsEveryAcknowledgedPush() throws Exception {
		outage(TestDatabases.freshMariadb(), 3306, TcpProxy::cut, RECOVERY_MILLIS);
	}

	/**
	 * The database's host vanishes: kefu's connections go half-open, and a statement
	 * waiting on one (the inbox writer's, under load) hears nothing until the driver's
	 * socket timeout ends it. Pushes are refused in time all along, and kefu recovers
	 * within that timeout.
	 */
	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void postgresHalfOpenRefusesWithin2sIsDownAndRecoversWithinTheSocketTimeout() throws Exception {
		outage(TestDatabases.freshPostgres(), 5432, TcpProxy::silence,
				DatabaseTimeouts.ANSWER_WITHIN.toMillis() - OUTAGE.toMillis() + RECOVERY_MILLIS);
	}

	/**
	 * Pushes from several threads, takes the database away ({@code gone}) for
	 * {@link #OUTAGE}, brings it back, and checks the answers, health, and that every
	 * acknowledged push was recorded. {@code recoveryMillis}: from the restore to the
	 * first push accepted again.
	 */
	private void outage(String database, int databasePort, Consumer<TcpProxy> gone, long recoveryMillis)
			throws Exception {
		try (TcpProxy proxy = TcpProxy.to("127.0.0.1", databasePort);
				ConfigurableApplicationContext kefu = KefuInstances
					.start(database.replace("127.0.0.1:" + databasePort, "127.0.0.1:" + proxy.port()), this.wechat)) {
			String appId = KefuInstances.registerApp(kefu, this.wechat);
			String base = "http://127.0.0.1:" + kefu.getEnvironment().getRequiredProperty("local.server.port");
			Pushers pushers = new Pushers(base, appId, "token" + appId.substring(2, 10), AES_KEY);
			pushers.start(PUSHERS);
			try {
				long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (pushers.acknowledged() < 50 && System.nanoTime() < warm) {
					Thread.sleep(50);
				}
				assertThat(pushers.acknowledged()).as("pushes acknowledged before the outage")
					.isGreaterThanOrEqualTo(50);

				long cutAt = System.nanoTime();
				gone.accept(proxy);
				long cutDoneAt = System.nanoTime();
				List<Sample> health = new ArrayList<>();
				long restoreAt = cutAt + OUTAGE.toNanos();
				while (System.nanoTime() < restoreAt) {
					health.add(health(base));
					Thread.sleep(
							Math.max(0, Math.min(200, TimeUnit.NANOSECONDS.toMillis(restoreAt - System.nanoTime()))));
				}
				proxy.restore();
				long restoredAt = System.nanoTime();
				long recoverBy = restoredAt + TimeUnit.MILLISECONDS.toNanos(recoveryMillis + 5000);
				Sample healthAfter = health(base);
				while ((healthAfter.status() != 200 || !pushers.acceptedSince(restoredAt))
						&& System.nanoTime() < recoverBy) {
					Thread.sleep(200);
					healthAfter = health(base);
				}
				Thread.sleep(2000);
				pushers.stop();

				OutageTimeline timeline = new OutageTimeline(pushers.answers(), health, healthAfter, cutAt, cutDoneAt,
						restoredAt);
				System.out
					.println("Database outage on " + database.substring(5, database.indexOf(':', 5)) + ": " + timeline);
				timeline.assertFailedFastAndRecovered(ANSWER_WITHIN_MILLIS + SLACK_MILLIS, recoveryMillis);
				Set<String> missing = new HashSet<>(pushers.acknowledgedMsgIds());
				missing.removeAll(recordedMsgIds(database));
				assertThat(missing)
					.as("acknowledged with 200 but not in inbox_message, of %d acknowledged",
							pushers.acknowledgedMsgIds().size())
					.isEmpty();
			}
			finally {
				pushers.stop();
			}
		}
	}

	private Sample health(String base) {
		long at = System.nanoTime();
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
			.timeout(Duration.ofSeconds(3))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
			return new Sample(at, System.nanoTime(), response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Sample(at, System.nanoTime(), -1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Sample(at, System.nanoTime(), -1, ex.toString());
		}
	}

	private static Set<String> recordedMsgIds(String database) throws Exception {
		Set<String> ids = new HashSet<>();
		String user = database.startsWith("jdbc:postgresql:") ? "postgres" : "root";
		try (Connection connection = DriverManager.getConnection(database, user, "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT msg_id FROM inbox_message")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

}
