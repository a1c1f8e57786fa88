package dev.kefu.inbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.kefu.MutableClock;
import dev.kefu.TestDatabases;
import dev.kefu.inbox.Pushes.Mode;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's retention purge end to end: a push's record outlives the purge for as long
 * as the retention says, so WeChat's retry of it is still answered as a duplicate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kefu.admin.password=retention-admin-1", "kefu.inbox.retention=10m" })
class PushRetentionIntegrationTests {

	static final String APP = "wx5e7e7710a3f1c0de";

	static final String TOKEN = "retentionToken7";

	static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", TestDatabases::freshH2);
		registry.add("kefu.data-dir", () -> "target/test-data/" + PushRetentionIntegrationTests.class.getSimpleName());
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	InboxPurge purge;

	@Autowired
	ReceivedEvents received;

	final HttpClient http = HttpClient.newHttpClient();

	final Pushes pushes = new Pushes(APP, TOKEN, KEY);

	@Test
	void answersARetryInsideTheRetentionAfterAPurgeAsADuplicate() throws Exception {
		createApp();
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.clock.set(start);
		PushMessage old = Pushes.text("o_retention", "8100000000000000001", "old");
		assertThat(send(old).body()).isEqualTo("success");
		this.clock.set(start.plus(Duration.ofMinutes(30)));
		PushMessage recent = Pushes.text("o_retention", "8100000000000000002", "recent");
		assertThat(send(recent).body()).isEqualTo("success");
		String recordedId = idOf(recent.msgId());

		// nine minutes after the recent push: inside its 10-minute retention, well past
		// the old one's
		this.clock.set(start.plus(Duration.ofMinutes(39)));
		this.purge.purge();
		assertThat(count(old.msgId())).isZero();
		assertThat(send(recent).body()).isEqualTo("success");

		assertThat(idOf(recent.msgId())).isEqualTo(recordedId);
		assertThat(this.received.events).filteredOn((event) -> "recent".equals(event.content())).hasSize(1);
	}

	private HttpResponse<String> send(PushMessage message) throws IOException, InterruptedException {
		Pushes.Request request = this.pushes.build(Mode.SAFE, PushFormat.XML, message,
				this.clock.instant().getEpochSecond());
		return this.http.send(HttpRequest.newBuilder(uri("/wechat/" + APP + "?" + request.query()))
			.header("Content-Type", request.contentType())
			.POST(BodyPublishers.ofString(request.body()))
			.build(), BodyHandlers.ofString());
	}

	private String idOf(String msgId) {
		return this.jdbc.sql("SELECT id FROM inbox_message WHERE app_id = ? AND msg_id = ?")
			.params(APP, msgId)
			.query(String.class)
			.single();
	}

	private long count(String msgId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM inbox_message WHERE app_id = ? AND msg_id = ?")
			.params(APP, msgId)
			.query(Long.class)
			.single();
	}

	private void createApp() throws IOException, InterruptedException {
		String json = """
				{"appId":"%s","name":"retention","secret":"s3cret-retention","token":"%s","encodingAesKey":"%s"}"""
			.formatted(APP, TOKEN, KEY);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/apps"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString("admin:retention-admin-1".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@TestConfiguration
	static class Config {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

		@Bean
		ReceivedEvents receivedEvents() {
			return new ReceivedEvents();
		}

	}

	static class ReceivedEvents {

		final List<MessageReceived> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(MessageReceived event) {
			this.events.add(event);
		}

	}

}
