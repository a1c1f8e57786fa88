package dev.kefu.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redirect path of tracked links under load, with kefu in a process of its own:
 * starts the packaged {@code target/kefu.jar} on a fresh database with one app whose
 * DEFAULT rule answers with a tracked link card, lets {@value #USERS} users ask for it
 * through signed safe-mode pushes (the cards reach a {@link BenchWeChat} in this process,
 * which keeps their short URLs), then taps those short URLs ({@code GET /l/{code}},
 * iPhone and Android WeChat User-Agents in turn) in an open loop at a fixed rate over
 * keep-alive connections. After a warm-up it prints, for the measured period, the taps/s
 * answered, p50/p99/max from each tap's due time to its answer, and answers other than a
 * 302; then, once kefu has had the drain time to write and has stopped, how many clicks
 * it recorded in the database of all the taps it answered, and kefu's CPU per tap. Run it
 * through {@code bench/link-clicks}; its header comment lists the options.
 */
public final class LinkClicks {

	static final String APP_ID = "wx1c3e5a7b9d0f2e4a";

	private static final String SECRET = "benchLinkSecret000000000000000ff";

	private static final String TOKEN = "kefuBenchToken";

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	private static final int USERS = 200;

	private static final String ADMIN_PASSWORD = "bench-admin-" + Long.toHexString(System.nanoTime());

	private static final String RULE = """
			{"name": "bench: the download link", "trigger": "DEFAULT", "priority": 0, "enabled": true,
			 "replyMode": "ALL", "keywords": [], "replies": [{"type": "link", "title": "下载 APP",
			 "description": "安卓和 iPhone", "url": "https://example.com/app?channel=bench", "tracked": true,
			 "utm": {"source": "kefu"}}]}""";

	private static final String[] USER_AGENTS = {
			"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
					+ "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN",
			"Mozilla/5.0 (Linux; Android 14; 23049RAD8C Build/UKQ1.230804.001; wv) AppleWebKit/537.36 (KHTML, like "
					+ "Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220099 MMWEBSDK/20240301 "
					+ "MMWEBID/2085 MicroMessenger/8.0.48.2580(0x28003035) WeChat/arm64 Weixin NetType/WIFI "
					+ "Language/zh_CN ABI/arm64" };

	private static final Pattern SHORT_URL = Pattern.compile("\"url\":\"[^\"]*/l/([A-Za-z0-9_-]{16})\"");

	private LinkClicks() {
	}

	public static void main(String[] args) throws Exception {
		BenchProgram.main(args, "link-clicks", (options) -> {
			if (options.rate() <= 0) {
				throw new IllegalArgumentException("--rate: taps per second, more than 0");
			}
		}, LinkClicks::run);
	}

	private static void run(BenchOptions options, Path dir) throws Exception {
		int port = BenchProgram.freePort();
		List<String> codes = new CopyOnWriteArrayList<>();
		try (BenchWeChat wechat = new BenchWeChat(APP_ID, SECRET, (openId) -> openId.startsWith("oBenchTap") ? 0 : -1,
				(push) -> {
				}, (body) -> {
					Matcher code = SHORT_URL.matcher(body);
					if (code.find()) {
						codes.add(code.group(1));
					}
				}); BenchDatabase database = BenchDatabase.of(options.database(), dir)) {
			Map<String, String> properties = new LinkedHashMap<>();
			properties.put("server.port", Integer.toString(port));
			properties.put("kefu.data-dir", dir.toString());
			properties.put("spring.datasource.url", database.url());
			if (database.username() != null) {
				properties.put("spring.datasource.username", database.username());
				properties.put("spring.datasource.password", "");
			}
			properties.put("kefu.wechat.api-base-url", wechat.baseUrl());
			properties.put("kefu.public-url", "http://127.0.0.1:" + port + "/");
			properties.put("kefu.admin.password", ADMIN_PASSWORD);
			properties.put("kefu.sandbox.enabled", "false");
			properties.put("logging.level.root", "warn");
			properties.putAll(options.kefuProperties());
			System.out.printf("link-clicks: open loop at %.0f taps/s over %d connections, %d codes; kefu %s on %s%n",
					options.rate(), options.connections(), USERS, Path.of("target/kefu.jar"), database.url());
			KefuProcess kefu = KefuProcess.start(Path.of("target/kefu.jar"), dir, options.jvmOptions(), properties,
					Map.of("KEFU_APP_ID", APP_ID, "KEFU_APP_SECRET", SECRET, "KEFU_APP_TOKEN", TOKEN,
							"KEFU_APP_AES_KEY", AES_KEY));
			Runtime.getRuntime().addShutdownHook(new Thread(kefu::kill));
			try {
				kefu.awaitHealthy(Duration.ofMinutes(3));
				HttpResponse<String> rule = kefu.postJson("/api/apps/" + APP_ID + "/rules", RULE, "admin",
						ADMIN_PASSWORD);
				if (rule.statusCode() != 201) {
					throw new IllegalStateException(
							"creating the rule answered " + rule.statusCode() + ": " + rule.body());
				}
				askForLinks(URI.create("http://127.0.0.1:" + port + "/wechat/" + APP_ID), codes);
				Taps taps = tap(options, kefu, codes);
				Thread.sleep(options.drain() * 1000L);
				String dropped = meter(kefu, "kefu_links_click_records_dropped_total");
				kefu.close();
				long recorded = recordedClicks(database);
				taps.print(recorded, dropped, KefuProcess.clockTicks());
			}
			catch (Exception ex) {
				System.out.println("kefu's log ends with:\n" + kefu.logTail());
				throw ex;
			}
			finally {
				kefu.close();
				Files.copy(dir.resolve("kefu.log"), Path.of("target/link-clicks-kefu.log"),
						StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	/**
	 * Each user writes once; waits until every user's card has reached the fake WeChat.
	 */
	private static void askForLinks(URI endpoint, List<String> codes) throws Exception {
		SafeModePushes pushes = new SafeModePushes(endpoint, APP_ID, TOKEN, AES_KEY);
		SplittableRandom random = new SplittableRandom(12);
		KeepAliveConnection connection = new KeepAliveConnection(endpoint);
		try {
			for (int user = 0; user < USERS; user++) {
				String answer = connection.exchange(pushes.text("oBenchTap%019d".formatted(user), "m" + user, "下载",
						System.currentTimeMillis() / 1000, random));
				if (!"success".equals(answer)) {
					throw new IllegalStateException("kefu answered a push with " + connection.status());
				}
				if (connection.closing()) {
					connection.close();
					connection = new KeepAliveConnection(endpoint);
				}
			}
		}
		finally {
			connection.close();
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (codes.size() < USERS && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		if (codes.size() < USERS) {
			throw new IllegalStateException("only " + codes.size() + " of " + USERS + " link cards were sent in 60 s");
		}
	}

	/**
	 * The open loop: tap {@code i} is due at {@code start + i / rate}; each connection
	 * takes the next one due.
	 */
	private static Taps tap(BenchOptions options, KefuProcess kefu, List<String> codes) throws Exception {
		long start = System.nanoTime() + 100_000_000L;
		long from = start + options.warmup() * 1_000_000_000L;
		long to = from + options.seconds() * 1_000_000_000L;
		double interval = 1e9 / options.rate();
		int total = (int) Math.ceil((to - start) / interval);
		long[] latencies = new long[total];
		int[] statuses = new int[total];
		byte[][] requests = new byte[codes.size() * USER_AGENTS.length][];
		for (int i = 0; i < requests.length; i++) {
			requests[i] = ("GET /l/" + codes.get(i % codes.size()) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: "
					+ USER_AGENTS[(i / codes.size()) % USER_AGENTS.length]
					+ "\r\nAccept-Language: zh-CN,zh;q=0.9\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8);
		}
		System.out.printf("kefu (pid %d) is up; %d s warm-up, then %d s measured%n", kefu.pid(), options.warmup(),
				options.seconds());
		URI base = kefu.uri("/");
		AtomicInteger next = new AtomicInteger();
		Thread[] senders = new Thread[options.connections()];
		for (int t = 0; t < senders.length; t++) {
			senders[t] = new Thread(() -> {
				KeepAliveConnection connection = null;
				for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
					long due = start + (long) (i * interval);
					for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
						LockSupport.parkNanos(wait);
					}
					try {
						if (connection == null) {
							connection = new KeepAliveConnection(base);
						}
						connection.exchange(requests[i % requests.length]);
						statuses[i] = connection.status();
						if (connection.closing()) {
							connection.close();
							connection = null;
						}
					}
					catch (IOException ex) {
						statuses[i] = -1;
						if (connection != null) {
							connection.close();
							connection = null;
						}
					}
					latencies[i] = System.nanoTime() - due;
				}
				if (connection != null) {
					connection.close();
				}
			}, "tap-" + t);
			senders[t].start();
		}
		sleepUntil(from);
		long cpuBefore = kefu.cpuTicks();
		sleepUntil(to);
		long cpuAfter = kefu.cpuTicks();
		for (Thread sender : senders) {
			sender.join();
		}
		int first = (int) Math.ceil((from - start) / interval);
		return new Taps(options.seconds(), total, Arrays.copyOfRange(latencies, first, total),
				Arrays.copyOfRange(statuses, first, total), cpuAfter - cpuBefore);
	}

	/** What the taps of the measured period got, and what kefu spent on them. */
	private record Taps(int seconds, int all, long[] latencies, int[] statuses, long cpuTicks) {

		void print(long recorded, String dropped, long ticksPerSecond) {
			long redirects = Arrays.stream(this.statuses).filter((status) -> status == 302).count();
			long[] sorted = this.latencies.clone();
			Arrays.sort(sorted);
			System.out.printf("measured %d s: %d taps due, %.0f answered/s, %d answered other than 302%n", this.seconds,
					sorted.length, sorted.length / (double) this.seconds, sorted.length - redirects);
			System.out.printf(
					"tap to redirect (from each tap's due time): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
							+ "max %.2f ms%n",
					ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
			System.out.printf("kefu's CPU per tap: %.0f µs%n",
					this.cpuTicks * 1e6 / ticksPerSecond / Math.max(1, sorted.length));
			System.out.printf("clicks recorded in the database: %d of %d taps of the whole run (warm-up included); "
					+ "dropped for a full buffer: %s%n", recorded, this.all, dropped);
		}

		private static double ms(long[] sorted, double quantile) {
			return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
		}

	}

	/**
	 * The value of a counter on {@code /actuator/prometheus}, or "?" when it cannot be
	 * read.
	 */
	private static String meter(KefuProcess kefu, String name) throws IOException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(kefu.uri("/actuator/prometheus"))
				.header("Authorization", "Basic " + basic)
				.header("Accept", "text/plain")
				.build(), HttpResponse.BodyHandlers.ofString());
		return metrics.body()
			.lines()
			.filter((line) -> line.startsWith(name))
			.map((line) -> line.substring(line.lastIndexOf(' ') + 1))
			.findFirst()
			.orElse("?");
	}

	/**
	 * Rows in {@code links_click}, read once kefu has stopped (an H2 file has one user at
	 * a time).
	 */
	private static long recordedClicks(BenchDatabase database) throws SQLException {
		String user = (database.username() != null) ? database.username()
				: database.url().startsWith("jdbc:h2:") ? "sa" : null;
		try (Connection connection = DriverManager.getConnection(database.url(), user, "");
				Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM links_click")) {
			count.next();
			return count.getLong(1);
		}
	}

	private static void sleepUntil(long at) throws InterruptedException {
		for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
			Thread.sleep(Math.max(1, wait / 1_000_000));
		}
	}

}
