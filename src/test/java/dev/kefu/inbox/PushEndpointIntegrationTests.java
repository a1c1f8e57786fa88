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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.kefu.MutableClock;
import dev.kefu.TestDatabases;
import dev.kefu.inbox.Pushes.Mode;
import dev.kefu.wechat.push.PushCipher;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
 * {@code GET|POST /wechat/{appId}} over real HTTP: the official vector, every mode and
 * format, concurrent retries, and hostile input that must be refused without recording
 * anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kefu.admin.password=inbox-admin-1", "kefu.wechat.max-clock-skew=5m" })
class PushEndpointIntegrationTests {

	static final String OFFICIAL_APP = "wxba5fad812f8e6fb9";

	static final String OFFICIAL_TOKEN = "AAAAA";

	static final String OFFICIAL_KEY = "A".repeat(43);

	static final String APP = "wx1234567890abcdef";

	static final String TOKEN = "kefuToken42";

	static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", TestDatabases::freshH2);
		registry.add("kefu.data-dir", () -> "target/test-data/" + PushEndpointIntegrationTests.class.getSimpleName());
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ReceivedEvents received;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	final HttpClient http = HttpClient.newHttpClient();

	final Pushes pushes = new Pushes(APP, TOKEN, KEY);

	@BeforeEach
	void registerApps() throws Exception {
		createApp(OFFICIAL_APP, OFFICIAL_TOKEN, OFFICIAL_KEY);
		createApp(APP, TOKEN, KEY);
		this.received.events.clear();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void answersTheOfficialUrlCheckWithTheRawEchostr() throws Exception {
		this.clock.set(Instant.ofEpochSecond(1714036504));
		HttpResponse<String> response = get("/wechat/" + OFFICIAL_APP
				+ "?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("4375120948345356249");
	}

	@Test
	void refusesAUrlCheckWithABadSignature() throws Exception {
		this.clock.set(Instant.ofEpochSecond(1714036504));
		HttpResponse<String> response = get("/wechat/" + OFFICIAL_APP
				+ "?signature=f464b24fc39322e44b38aa78f5edd27bd1441697&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).doesNotContain("4375120948345356249");
	}

	@Test
	void acceptsTheOfficialPlaintextPush() throws Exception {
		this.clock.set(Instant.ofEpochSecond(1714037059));
		String body = """
				{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714037059,\
				"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}""";
		HttpResponse<String> response = post(OFFICIAL_APP,
				"signature=899cf89e464efb63f54ddac96b0a0a235f53aa78&timestamp=1714037059&nonce=486452656", body);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("success");
		assertThat(recorded(OFFICIAL_APP, "o9AgO5Kd5ggOC-bXrbNODIiE3bGY", "debug_demo", 1714037059)).isEqualTo(1);
	}

	@Test
	void acceptsTheOfficialSafeModePush() throws Exception {
		this.clock.set(Instant.ofEpochSecond(1714112445));
		String body = """
				{"ToUserName":"gh_97417a04a28d","Encrypt":"+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04="}""";
		HttpResponse<String> response = post(OFFICIAL_APP,
				"signature=6c5c811b55cc85e0e1b54100749188c20beb3f5d&timestamp=1714112445&nonce=415670741"
						+ "&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes&msg_signature=046e02f8204d34f8ba5fa3b1db94908f3df2e9b3",
				body);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("success");
		assertThat(recorded(OFFICIAL_APP, "o9AgO5Kd5ggOC-bXrbNODIiE3bGY", "debug_demo", 1714112445)).isEqualTo(1);
	}

	static Stream<Arguments> modesAndFormats() {
		return Stream.of(Mode.values())
			.flatMap((mode) -> Stream.of(PushFormat.values()).map((format) -> Arguments.of(mode, format)));
	}

	@ParameterizedTest
	@MethodSource("modesAndFormats")
	void recordsATextPushAndPublishesIt(Mode mode, PushFormat format) throws Exception {
		String msgId = "7" + System.nanoTime();
		Pushes.Request request = this.pushes.build(mode, format, Pushes.text("o_user_" + mode, msgId, "你好 " + format),
				now());
		HttpResponse<String> response = post(APP, request);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("success");
		Map<String, Object> row = this.jdbc.sql("SELECT * FROM inbox_message WHERE msg_id = ?")
			.param(msgId)
			.query()
			.singleRow();
		assertThat(row).containsEntry("APP_ID", APP)
			.containsEntry("OPEN_ID", "o_user_" + mode)
			.containsEntry("MSG_TYPE", "text")
			.containsEntry("CONTENT", "你好 " + format);
		assertThat(this.received.events).singleElement().satisfies((event) -> {
			assertThat(event.messageId()).isEqualTo(row.get("ID"));
			assertThat(event.content()).isEqualTo("你好 " + format);
			assertThat(event.transferred()).isFalse();
		});
	}

	@ParameterizedTest
	@MethodSource("modesAndFormats")
	void answersTransferInThePushsModeAndFormat(Mode mode, PushFormat format) throws Exception {
		Pushes.Request request = this.pushes.build(mode, format,
				Pushes.text("o_transfer", "8" + System.nanoTime(), "转人工"), now());
		HttpResponse<String> response = post(APP, request);
		assertThat(response.statusCode()).isEqualTo(200);
		String reply = response.body();
		if (mode != Mode.PLAINTEXT) {
			reply = decryptReply(reply, format, request.nonce());
		}
		PushMessage transfer = new PushCodec().decode(reply, format);
		assertThat(transfer.msgType()).isEqualTo("transfer_customer_service");
		assertThat(transfer.toUserName()).isEqualTo("o_transfer");
		assertThat(transfer.fromUserName()).isEqualTo("gh_97417a04a28d");
		assertThat(this.received.events).singleElement().satisfies((event) -> assertThat(event.transferred()).isTrue());
	}

	@Test
	void recordsAnEventOnceByUserTimeAndEvent() throws Exception {
		long createTime = now();
		Pushes.Request first = this.pushes.build(Mode.SAFE, PushFormat.XML,
				Pushes.enter("o_enter", createTime, "button-1"), now());
		Pushes.Request retry = this.pushes.build(Mode.SAFE, PushFormat.XML,
				Pushes.enter("o_enter", createTime, "button-1"), now());
		assertThat(post(APP, first).body()).isEqualTo("success");
		assertThat(post(APP, retry).body()).isEqualTo("success");
		assertThat(recorded(APP, "o_enter", "user_enter_tempsession", createTime)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT session_from FROM inbox_message WHERE open_id = 'o_enter'")
			.query(String.class)
			.single()).isEqualTo("button-1");
	}

	@Test
	void countsPushesByTypeAndWhetherTheyWereNew() throws Exception {
		double textBefore = pushes("text", "recorded");
		double enterBefore = pushes("event:user_enter_tempsession", "recorded");
		double duplicatesBefore = pushes("event:user_enter_tempsession", "duplicate");
		long createTime = now();
		assertThat(
				post(APP,
						this.pushes.build(Mode.SAFE, PushFormat.JSON,
								Pushes.text("o_count", "7" + System.nanoTime(), "hi"), now()))
					.body())
			.isEqualTo("success");
		Pushes.Request enter = this.pushes.build(Mode.PLAINTEXT, PushFormat.XML,
				Pushes.enter("o_count", createTime, null), now());
		assertThat(post(APP, enter).body()).isEqualTo("success");
		assertThat(post(APP, enter).body()).isEqualTo("success");
		assertThat(pushes("text", "recorded")).isEqualTo(textBefore + 1);
		assertThat(pushes("event:user_enter_tempsession", "recorded")).isEqualTo(enterBefore + 1);
		assertThat(pushes("event:user_enter_tempsession", "duplicate")).isEqualTo(duplicatesBefore + 1);
	}

	/**
	 * The query with the first digit of the named signature changed (always to another
	 * digit).
	 */
	private static String spoil(String query, String name) {
		String padded = "&" + query;
		int at = padded.indexOf("&" + name + "=") + name.length() + 1;
		char digit = query.charAt(at);
		return query.substring(0, at) + ((digit == '0') ? '1' : '0') + query.substring(at + 1);
	}

	private double pushes(String type, String outcome) {
		io.micrometer.core.instrument.Counter counter = this.meters.find("kefu.inbox.pushes")
			.tags("app", APP, "type", type, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void answersTheSamePushSentThreeTimesConcurrentlyOnce() throws Exception {
		String msgId = "9" + System.nanoTime();
		Pushes.Request request = this.pushes.build(Mode.SAFE, PushFormat.JSON, Pushes.text("o_retry", msgId, "1"),
				now());
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(3);
		try {
			for (int i = 0; i < 3; i++) {
				answers.add(executor.submit(() -> {
					start.await();
					return post(APP, request);
				}));
			}
			start.countDown();
			for (Future<HttpResponse<String>> answer : answers) {
				assertThat(answer.get().statusCode()).isEqualTo(200);
				assertThat(answer.get().body()).isEqualTo("success");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM inbox_message WHERE msg_id = ?")
			.param(msgId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.received.events).hasSize(1);
	}

	@Test
	void refusesABadPlaintextSignature() throws Exception {
		Pushes.Request request = this.pushes.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_bad", "1001", "x"),
				now());
		assertRefused(APP, spoil(request.query(), "signature"), request.body(), 403);
	}

	@Test
	void refusesAPushSignedWithAUrlChecksSignature() throws Exception {
		// what the console's "verify URL" hands to the server it checks: a good signature
		// over
		// the Token, a current timestamp and a nonce marked as a URL check's
		String timestamp = Long.toString(now());
		String nonce = dev.kefu.wechat.push.PushSignature.CHECK_NONCE_PREFIX + "12345";
		String query = "signature=" + dev.kefu.wechat.push.PushSignature.sign(TOKEN, timestamp, nonce) + "&timestamp="
				+ timestamp + "&nonce=" + nonce;
		String body = this.pushes
			.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_forged", "1002", "forged"), now())
			.body();
		assertRefused(APP, query, body, 403);
	}

	@Test
	void refusesAPlaintextSignatureReplayedWithAnotherBody() throws Exception {
		Pushes.Request genuine = this.pushes.build(Mode.PLAINTEXT, PushFormat.XML,
				Pushes.text("o_genuine", "7" + System.nanoTime(), "真的"), now());
		assertThat(post(APP, genuine).body()).isEqualTo("success");
		String forged = this.pushes
			.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_forged", "7" + System.nanoTime(), "假的"), now())
			.body();
		this.received.events.clear();

		HttpResponse<String> answer = assertRefused(APP, genuine.query(), forged, 403);

		assertThat(answer.body()).startsWith("replayed_signature:");
		assertThat(pushes("text", "replayed")).isPositive();
	}

	@Test
	void anEncryptedPushReplayedWithAnotherCleartextIsStillTheGenuineMessage() throws Exception {
		// compatible mode carries the message in clear beside Encrypt; msg_signature
		// covers only
		// Encrypt, and kefu reads the message from what it decrypts, never from the clear
		// copy
		String msgId = "7" + System.nanoTime();
		Pushes.Request genuine = this.pushes.build(Mode.COMPATIBLE, PushFormat.JSON,
				Pushes.text("o_genuine", msgId, "真的"), now());
		assertThat(post(APP, genuine).body()).isEqualTo("success");
		this.received.events.clear();

		HttpResponse<String> forged = post(APP, genuine.query(), genuine.body().replace("o_genuine", "o_forged"));

		assertThat(forged.body()).isEqualTo("success"); // the genuine message, answered
														// as a duplicate
		assertThat(this.received.events).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM inbox_message WHERE msg_id = ? AND open_id = 'o_genuine'")
			.param(msgId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM inbox_message WHERE open_id = 'o_forged'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void answersAnIdenticalResendAsADuplicateInEveryMode() throws Exception {
		for (Mode mode : Mode.values()) {
			String msgId = "7" + System.nanoTime();
			Pushes.Request request = this.pushes.build(mode, PushFormat.XML, Pushes.text("o_again", msgId, "再来"),
					now());
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> answer = post(APP, request);
				assertThat(answer.statusCode()).as(mode + " #" + i).isEqualTo(200);
				assertThat(answer.body()).isEqualTo("success");
			}
			assertThat(this.jdbc.sql("SELECT COUNT(*) FROM inbox_message WHERE msg_id = ?")
				.param(msgId)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		assertThat(this.received.events).hasSize(3);
	}

	@Test
	void refusesAPushSignedWithTheSignatureOfWeChatsUrlCheck() throws Exception {
		String timestamp = Long.toString(now());
		String nonce = Long.toString(System.nanoTime());
		String query = "signature=" + PushSignature.sign(TOKEN, timestamp, nonce) + "&timestamp=" + timestamp
				+ "&nonce=" + nonce;
		assertThat(get("/wechat/" + APP + "?" + query + "&echostr=42").body()).isEqualTo("42");
		String body = this.pushes
			.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_forged", "1011", "forged"), now())
			.body();

		HttpResponse<String> answer = assertRefused(APP, query, body, 403);

		assertThat(answer.body()).startsWith("replayed_signature:");
		// the check itself may be repeated
		assertThat(get("/wechat/" + APP + "?" + query + "&echostr=43").body()).isEqualTo("43");
	}

	@Test
	void refusesAMissingSignature() throws Exception {
		Pushes.Request request = this.pushes.build(Mode.PLAINTEXT, PushFormat.JSON, Pushes.text("o_bad", "1002", "x"),
				now());
		assertRefused(APP, request.query().replaceFirst("signature=[0-9a-f]+&", ""), request.body(), 400);
	}

	@Test
	void refusesABadMsgSignature() throws Exception {
		Pushes.Request request = this.pushes.build(Mode.SAFE, PushFormat.JSON, Pushes.text("o_bad", "1003", "x"),
				now());
		assertRefused(APP, spoil(request.query(), "msg_signature"), request.body(), 403);
	}

	@Test
	void refusesAStaleTimestamp() throws Exception {
		Pushes.Request request = this.pushes.build(Mode.SAFE, PushFormat.JSON, Pushes.text("o_bad", "1004", "x"),
				now() - Duration.ofMinutes(6).toSeconds());
		assertRefused(APP, request.query(), request.body(), 403);
	}

	@Test
	void refusesAWrongAppIdInsideTheCiphertext() throws Exception {
		Pushes other = new Pushes(APP, TOKEN, new PushCipher("wxffffffffffffffff", KEY, null));
		Pushes.Request request = other.build(Mode.SAFE, PushFormat.XML, Pushes.text("o_bad", "1005", "x"), now());
		assertRefused(APP, request.query(), request.body(), 403);
	}

	@Test
	void refusesAnUnknownApp() throws Exception {
		Pushes.Request request = this.pushes.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_bad", "1006", "x"),
				now());
		assertRefused("wx9999999999999999", request.query(), request.body(), 404);
	}

	@Test
	void refusesADoctypeWithAnExternalEntity() throws Exception {
		String body = """
				<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
				<xml><ToUserName>gh</ToUserName><FromUserName>o_xxe</FromUserName><CreateTime>1</CreateTime>
				<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1007</MsgId></xml>""";
		assertRefused(APP, plaintextQuery(), body, 400);
	}

	@Test
	void refusesBillionLaughs() throws Exception {
		StringBuilder entities = new StringBuilder("<!ENTITY a0 \"lol\">");
		for (int i = 1; i < 10; i++) {
			entities.append("<!ENTITY a")
				.append(i)
				.append(" \"")
				.append(("&a" + (i - 1) + ";").repeat(10))
				.append("\">");
		}
		String body = "<?xml version=\"1.0\"?><!DOCTYPE xml [" + entities
				+ "]><xml><FromUserName>o_lol</FromUserName><MsgType>text</MsgType><Content>&a9;</Content></xml>";
		assertRefused(APP, plaintextQuery(), body, 400);
	}

	@Test
	void refusesMalformedAndTruncatedBodies() throws Exception {
		String xml = this.pushes.build(Mode.PLAINTEXT, PushFormat.XML, Pushes.text("o_bad", "1008", "x"), now()).body();
		String json = this.pushes.build(Mode.PLAINTEXT, PushFormat.JSON, Pushes.text("o_bad", "1009", "x"), now())
			.body();
		for (String body : List.of("", "   ", "hello", "<xml><FromUserName>o</xml>", "{\"FromUserName\":",
				xml.substring(0, xml.length() / 2), json.substring(0, json.length() / 2), "{\"MsgType\":\"text\"}")) {
			assertRefused(APP, plaintextQuery(), body, 400);
		}
	}

	@Test
	void refusesTruncatedCiphertext() throws Exception {
		Pushes.Request request = this.pushes.build(Mode.SAFE, PushFormat.JSON, Pushes.text("o_bad", "1010", "x"),
				now());
		String encrypt = request.body().replaceAll(".*\"Encrypt\":\"([^\"]+)\".*", "$1");
		String truncated = encrypt.substring(0, encrypt.length() - 8);
		String query = request.query()
			.replaceFirst("msg_signature=[0-9a-f]+", "msg_signature="
					+ PushSignature.sign(TOKEN, param(request.query(), "timestamp"), request.nonce(), truncated));
		assertRefused(APP, query, Pushes.envelope("gh_97417a04a28d", truncated, PushFormat.JSON), 400);
	}

	@Test
	void refusesDeeplyNestedBodiesFast() throws Exception {
		String json = "{\"ToUserName\":\"gh_97417a04a28d\",\"x\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
		String xml = "<xml><ToUserName>gh_97417a04a28d</ToUserName>" + "<a>".repeat(100_000) + "</a>".repeat(100_000)
				+ "</xml>";
		for (String body : List.of(json, xml)) {
			long started = System.nanoTime();
			assertRefused(APP, plaintextQuery(), body, 400);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused within WeChat's 5 s")
				.isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void refusesABodyOverOneMebibyte() throws Exception {
		String body = "<xml><Content>" + "x".repeat(3 * 1024 * 1024) + "</Content></xml>";
		assertRefused(APP, plaintextQuery(), body, 413);
	}

	private HttpResponse<String> assertRefused(String appId, String query, String body, int status) throws Exception {
		long before = this.jdbc.sql("SELECT COUNT(*) FROM inbox_message").query(Long.class).single();
		HttpResponse<String> response = post(appId, query, body);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM inbox_message").query(Long.class).single()).isEqualTo(before);
		assertThat(this.received.events).isEmpty();
		return response;
	}

	private String plaintextQuery() {
		String timestamp = Long.toString(now());
		return "signature=" + PushSignature.sign(TOKEN, timestamp, "123") + "&timestamp=" + timestamp + "&nonce=123";
	}

	private String decryptReply(String reply, PushFormat format, String nonce) throws Exception {
		PushCodec codec = new PushCodec();
		String encrypt = codec.readEnvelope(reply.getBytes(StandardCharsets.UTF_8), format).encrypt();
		String timestamp = (format == PushFormat.JSON) ? reply.replaceAll(".*\"TimeStamp\":(\\d+).*", "$1")
				: reply.replaceAll("(?s).*<TimeStamp>(\\d+)</TimeStamp>.*", "$1");
		String signature = (format == PushFormat.JSON) ? reply.replaceAll(".*\"MsgSignature\":\"([0-9a-f]+)\".*", "$1")
				: reply.replaceAll("(?s).*<MsgSignature><!\\[CDATA\\[([0-9a-f]+)]]></MsgSignature>.*", "$1");
		assertThat(reply).contains(nonce);
		assertThat(PushSignature.verify(signature, TOKEN, timestamp, nonce, encrypt)).isTrue();
		return new PushCipher(APP, KEY, null).decrypt(encrypt).plaintext();
	}

	private long recorded(String appId, String openId, String event, long createTime) {
		return this.jdbc.sql(
				"SELECT COUNT(*) FROM inbox_message WHERE app_id = ? AND open_id = ? AND event_type = ? AND created_at = ?")
			.params(appId, openId, event, createTime * 1000)
			.query(Long.class)
			.single();
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	private void createApp(String appId, String token, String key) throws IOException, InterruptedException {
		String json = """
				{"appId":"%s","name":"%s","secret":"s3cret-%s","token":"%s","encodingAesKey":"%s"}""".formatted(appId,
				appId, appId, token, key);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/apps"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString("admin:inbox-admin-1".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isIn(201, 409);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String appId, Pushes.Request request) throws IOException, InterruptedException {
		return post(appId, request.query(), request.body());
	}

	private HttpResponse<String> post(String appId, String query, String body)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri("/wechat/" + appId + "?" + query))
			.header("Content-Type", body.startsWith("{") ? "application/json" : "text/xml")
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String param(String query, String name) {
		return query.replaceAll(".*(?:^|&)" + name + "=([^&]*).*", "$1");
	}

	@TestConfiguration
	static class Config {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

		@Bean
		@Primary
		TransferDecision transferOnRequest() {
			return (appId, openId, msgType, content) -> "转人工".equals(content);
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
