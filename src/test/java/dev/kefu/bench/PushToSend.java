package dev.kefu.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;

/**
 * Push to send, end to end, with kefu in a process of its own: starts the packaged
 * {@code target/kefu.jar} on a fresh database with one app and a DEFAULT rule answering
 * every text, points it at a {@link BenchWeChat} in this process, sends signed safe-mode
 * pushes from distinct users ({@link PushSender}) through a warm-up and a measured
 * period, waits for the replies, prints a {@link Report} and stops kefu. Run it through
 * {@code bench/push-to-send}; its header comment lists the options.
 */
public final class PushToSend {

	static final String APP_ID = "wx0b3e5c7d9f1a2b4c";

	private static final String SECRET = "benchAppSecret0000000000000000ff";

	private static final String TOKEN = "kefuBenchToken";

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	private static final String PROBE_USER = "oBenchProbe00000000000000000";

	private static final int PROBE = Integer.MAX_VALUE;

	private static final String ADMIN_PASSWORD = "bench-admin-" + Long.toHexString(System.nanoTime());

	private static final String RULE = """
			{"name": "bench: answer every text", "trigger": "DEFAULT", "priority": 0, "enabled": true,
			 "replyMode": "ALL", "keywords": [], "replies": [{"type": "text", "content": "您好，客服稍后回复您。"}]}""";

	private PushToSend() {
	}

	public static void main(String[] args) throws Exception {
		BenchProgram.main(args, "push-to-send", (options) -> {
		}, PushToSend::run);
	}

	private static void run(BenchOptions options, Path dir) throws Exception {
		int port = BenchProgram.freePort();
		Timeline timeline = new Timeline(options.capacity());
		URI endpoint = URI.create("http://127.0.0.1:" + port + "/wechat/" + APP_ID);
		PushSender sender = new PushSender(new SafeModePushes(endpoint, APP_ID, TOKEN, AES_KEY), endpoint, timeline,
				options.connections(), options.rate());
		// One push from a user of its own goes first: it proves the whole path (and that
		// the rule
		// is in force) before the load starts, so no warm-up push goes unanswered for
		// that reason.
		CountDownLatch probeAnswered = new CountDownLatch(1);
		ToIntFunction<String> pushOf = (openId) -> PROBE_USER.equals(openId) ? PROBE : sender.pushOf(openId);
		IntConsumer onReply = (push) -> {
			if (push == PROBE) {
				probeAnswered.countDown();
			}
			else {
				timeline.replied(push);
			}
		};
		try (BenchWeChat wechat = new BenchWeChat(APP_ID, SECRET, pushOf, onReply);
				BenchDatabase database = BenchDatabase.of(options.database(), dir)) {
			Map<String, String> properties = kefuProperties(options, port, dir, database, wechat);
			Map<String, String> app = Map.of("KEFU_APP_ID", APP_ID, "KEFU_APP_SECRET", SECRET, "KEFU_APP_TOKEN", TOKEN,
					"KEFU_APP_AES_KEY", AES_KEY);
			System.out.printf("push-to-send: %s; kefu %s on %s%n", options.describe(), Path.of("target/kefu.jar"),
					database.url());
			KefuProcess kefu = KefuProcess.start(Path.of("target/kefu.jar"), dir, options.jvmOptions(), properties,
					app);
			Runtime.getRuntime().addShutdownHook(new Thread(kefu::kill));
			try {
				kefu.awaitHealthy(Duration.ofMinutes(3));
				HttpResponse<String> rule = kefu.postJson("/api/apps/" + APP_ID + "/rules", RULE, "admin",
						ADMIN_PASSWORD);
				if (rule.statusCode() != 201) {
					throw new IllegalStateException(
							"creating the DEFAULT rule answered " + rule.statusCode() + ": " + rule.body());
				}
				probe(endpoint, probeAnswered);
				measure(options, kefu, sender, timeline, wechat);
				if (!kefu.alive()) {
					throw new IllegalStateException("kefu exited during the run");
				}
			}
			catch (Exception ex) {
				System.out.println("kefu's log ends with:\n" + kefu.logTail());
				throw ex;
			}
			finally {
				stop(kefu, dir);
			}
		}
	}

	private static Map<String, String> kefuProperties(BenchOptions options, int port, Path dir, BenchDatabase database,
			BenchWeChat wechat) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", Integer.toString(port));
		properties.put("kefu.data-dir", dir.toString());
		properties.put("spring.datasource.url", database.url());
		if (database.username() != null) {
			properties.put("spring.datasource.username", database.username());
			properties.put("spring.datasource.password", "");
		}
		properties.put("kefu.wechat.api-base-url", wechat.baseUrl());
		properties.put("kefu.admin.password", ADMIN_PASSWORD);
		properties.put("kefu.sandbox.enabled", "false");
		properties.put("logging.level.root", "warn");
		properties.putAll(options.kefuProperties());
		return properties;
	}

	/**
	 * Stops kefu and keeps its log, saying how many errors and warnings it logged before
	 * it was stopped.
	 */
	private static void stop(KefuProcess kefu, Path dir) throws Exception {
		List<String> lines = new String(Files.readAllBytes(dir.resolve("kefu.log")), StandardCharsets.UTF_8).lines()
			.toList();
		kefu.close();
		Path log = Files.copy(dir.resolve("kefu.log"), Path.of("target/push-to-send-kefu.log"),
				StandardCopyOption.REPLACE_EXISTING);
		System.out.printf("kefu logged %d ERROR and %d WARN lines before it was stopped (%s)%n",
				lines.stream().filter((line) -> line.contains(" ERROR ")).count(),
				lines.stream().filter((line) -> line.contains(" WARN ")).count(), log);
	}

	private static void measure(BenchOptions options, KefuProcess kefu, PushSender sender, Timeline timeline,
			BenchWeChat wechat) throws Exception {
		long ticksPerSecond = KefuProcess.clockTicks();
		long start = timeline.now() + 100_000_000L;
		long from = start + options.warmup() * 1_000_000_000L;
		long to = from + options.seconds() * 1_000_000_000L;
		System.out.printf("kefu (pid %d) is up; %d s warm-up, then %d s measured%n", kefu.pid(), options.warmup(),
				options.seconds());
		sender.start(start, to);
		sleepUntil(timeline, from);
		Report.Sample before = Report.sample(kefu);
		sleepUntil(timeline, to);
		Report.Sample after = Report.sample(kefu);
		int pushes = sender.join();
		long stopped = timeline.now();
		long drainUntil = stopped + options.drain() * 1_000_000_000L;
		int backlog = timeline.unanswered(pushes);
		while (backlog > 0 && timeline.now() < drainUntil) {
			Thread.sleep(200);
			backlog = timeline.unanswered(pushes);
		}
		double drained = (timeline.now() - stopped) / 1e9;
		new Report(options.rate() > 0, timeline.period(pushes, from, to), before, after, ticksPerSecond, backlog,
				drained, options.drain(), sender.full(), timeline.duplicateReplies(), wechat.strays(),
				wechat.badCalls(), wechat.tokenFetches())
			.print();
		if (options.profile()) {
			Path recording = Path.of("target/push-to-send.jfr").toAbsolutePath();
			kefu.dumpRecording("bench", recording);
			HotMethods.read(recording, before.wallClock(), after.wallClock()).print();
			System.out.println("(the whole recording: " + recording + ")");
		}
	}

	/** Sends the probe push and waits for its reply. */
	private static void probe(URI endpoint, CountDownLatch answered) throws Exception {
		try (KeepAliveConnection connection = new KeepAliveConnection(endpoint)) {
			byte[] push = new SafeModePushes(endpoint, APP_ID, TOKEN, AES_KEY).text(PROBE_USER, "1", "probe",
					System.currentTimeMillis() / 1000, new SplittableRandom());
			String answer = connection.exchange(push);
			if (!"success".equals(answer)) {
				throw new IllegalStateException("kefu answered the probe push with " + answer);
			}
		}
		if (!answered.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("kefu acknowledged the probe push but sent no reply within 60 s");
		}
	}

	private static void sleepUntil(Timeline timeline, long at) throws InterruptedException {
		for (long wait = at - timeline.now(); wait > 0; wait = at - timeline.now()) {
			Thread.sleep(Math.max(1, wait / 1_000_000));
		}
	}

}
