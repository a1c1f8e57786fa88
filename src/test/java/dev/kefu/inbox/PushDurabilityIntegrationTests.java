package dev.kefu.inbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once kefu has answered {@code success}, WeChat never sends that push again, so an
 * acknowledged push must survive {@code kill -9}. This starts the packaged kefu on the
 * embedded default database in its own JVM, loads it with pushes, kills it with SIGKILL
 * while the load is running, and looks for every acknowledged MsgId in the database file
 * it left behind.
 */
class PushDurabilityIntegrationTests {

	private static final String APP = "wx00000000000000d1";

	private static final String TOKEN = "durableToken";

	private static final String KEY = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

	/**
	 * Options appended to the H2 URL. None by default: with H2's own write delay (half a
	 * second, which on its own loses 6-12% of acknowledged pushes here) only the
	 * journal's checkpoint after each batch stands between an acknowledgement and its
	 * loss.
	 */
	private static final String H2_OPTIONS = System.getProperty("kefu.test.h2-options", "");

	@TempDir
	Path data;

	@Test
	void everyAcknowledgedPushSurvivesKillDashNine() throws Exception {
		int port = freePort();
		Process server = start(port);
		try {
			awaitHealthy(server, port);
			Set<String> acknowledged = ConcurrentHashMap.newKeySet();
			PushLoad load = new PushLoad(URI.create("http://127.0.0.1:" + port + "/wechat/" + APP), APP, TOKEN, KEY);
			AtomicReference<PushLoad.Result> result = new AtomicReference<>();
			Thread pushing = new Thread(() -> {
				try {
					result.set(load.run(16, 0, Duration.ofSeconds(90), acknowledged::add));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			pushing.start();
			while (acknowledged.size() < 300 && pushing.isAlive()) {
				Thread.sleep(10);
			}
			server.destroyForcibly().waitFor();
			load.stop();
			pushing.join();
			assertThat(acknowledged).as("pushes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(300);
			Set<String> missing = new HashSet<>(acknowledged);
			missing.removeAll(recordedMsgIds());
			assertThat(missing).as("acknowledged but not recorded, of %d acknowledged", acknowledged.size()).isEmpty();
		}
		finally {
			server.destroyForcibly();
		}
	}

	private Process start(int port) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar().toString(), "--server.port=" + port,
				"--kefu.data-dir=" + this.data, "--spring.datasource.url=" + url() + H2_OPTIONS,
				"--logging.level.root=warn");
		builder.environment()
			.putAll(Map.of("KEFU_APP_ID", APP, "KEFU_APP_SECRET", "durable-secret", "KEFU_APP_TOKEN", TOKEN,
					"KEFU_APP_AES_KEY", KEY));
		builder.redirectErrorStream(true).redirectOutput(this.data.resolve("server.log").toFile());
		return builder.start();
	}

	private static Path jar() {
		Path jar = Path.of("target", "kefu.jar");
		assertThat(jar).as("the packaged application (run through 'mvnw verify')").exists();
		return jar;
	}

	private String url() {
		return "jdbc:h2:file:" + this.data.resolve("kefu").toAbsolutePath();
	}

	private void awaitHealthy(Process server, int port) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline && server.isAlive()) {
			try {
				if (http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
							BodyHandlers.ofString())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("kefu did not become healthy:\n" + Files.readString(this.data.resolve("server.log")));
	}

	private Set<String> recordedMsgIds() throws Exception {
		Set<String> ids = new HashSet<>();
		try (Connection connection = DriverManager.getConnection(url(), "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT msg_id FROM inbox_message")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
