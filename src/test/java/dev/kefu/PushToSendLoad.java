package dev.kefu;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushSignature;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load generator for the delivery path: starts kefu (embedded H2 file database, as by default)
 * and a fake WeChat API on loopback in this JVM, then offers replies at a fixed rate and
 * measures, per reply, the time from offering it to the fake WeChat accepting the send.
 * <ul>
 * <li>{@code --mode=push} (default): signed plaintext text pushes to {@code POST /wechat/{appId}}
 * answered by a DEFAULT rule with one text reply: push to send, end to end.</li>
 * <li>{@code --mode=planned}: {@code ReplyPlanned} events published in-process: the outbox and
 * the WeChat client alone.</li>
 * </ul>
 * Options: {@code --rate=600} replies per second, {@code --seconds=30} measured,
 * {@code --warmup=10} seconds before that, {@code --database=<jdbc url>} instead of H2; any
 * {@code --name.with.dots=value} is passed to kefu as a property.
 * Run with {@code bench/push-to-send}.
 */
public final class PushToSendLoad {

	private final Map<String, String> options;

	private final FakeWeChat wechat = FakeWeChat.start();

	private final Map<String, Long> offeredAt = new ConcurrentHashMap<>();

	private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger refused = new AtomicInteger();

	private volatile boolean measuring;

	/** The users offered a reply while measuring; warm-up replies arriving late are not counted. */
	private final java.util.Set<String> measured = ConcurrentHashMap.newKeySet();

	private volatile long lastSendAt;

	private PushToSendLoad(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new java.util.HashMap<>(Map.of("mode", "push", "rate", "600", "seconds", "30",
				"warmup", "10"));
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		new PushToSendLoad(options).run();
		System.exit(0);
	}

	private void run() throws Exception {
		String database = this.options.getOrDefault("database",
				"jdbc:h2:file:./target/bench-data/" + UUID.randomUUID() + "/kefu;WRITE_DELAY=50");
		List<String> properties = new ArrayList<>(List.of("logging.level.root=warn", "kefu.outbox.first-retry=1s",
				"kefu.outbox.max-retry-delay=1m"));
		this.options.forEach((name, value) -> {
			if (name.contains(".")) {
				properties.add(name + "=" + value);
			}
		});
		ConfigurableApplicationContext kefu = KefuInstances.start(database, this.wechat, properties.toArray(String[]::new));
		this.wechat.onSend((sent) -> {
			Long offered = this.offeredAt.remove(sent.openId());
			if (offered != null && this.measured.remove(sent.openId())) {
				this.latencies.add(sent.nanoTime() - offered);
				this.lastSendAt = sent.nanoTime();
			}
		});
		String appId = KefuInstances.registerApp(kefu, this.wechat);
		Offer offer = "planned".equals(this.options.get("mode")) ? planned(kefu, appId) : pushes(kefu, appId);
		int rate = Integer.parseInt(this.options.get("rate"));
		System.out.printf("kefu up; offering %d replies/s (%s mode), %s s warm-up then %s s measured%n", rate,
				this.options.get("mode"), this.options.get("warmup"), this.options.get("seconds"));
		drive(offer, rate, Integer.parseInt(this.options.get("warmup")));
		this.measuring = true;
		long cpuBefore = processCpuNanos();
		Map<String, Long> threadsBefore = cpuByThreadGroup();
		long start = System.nanoTime();
		int measured = drive(offer, rate, Integer.parseInt(this.options.get("seconds")));
		long offeredFor = System.nanoTime() - start;
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		org.springframework.jdbc.core.simple.JdbcClient jdbc = kefu.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
		while (this.latencies.size() < measured && System.nanoTime() < deadline) {
			if (this.options.containsKey("diagnose")) {
				System.out.printf("sent %d; incomplete events %d; scheduled executions %d; unsent deliveries %d%n",
						this.latencies.size(),
						jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL").query(Long.class).single(),
						jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks").query(Long.class).single(),
						jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE status IN ('PENDING', 'RETRYING')").query(Long.class).single());
			}
			Thread.sleep(1000);
		}
		long cpu = processCpuNanos() - cpuBefore;
		report(appId, measured, offeredFor, this.lastSendAt - start);
		System.out.printf("CPU of this whole JVM (kefu, fake WeChat and generator): %.2f ms per reply%n",
				cpu / 1e6 / measured);
		if (this.options.containsKey("diagnose")) {
			cpuByThreadGroup().forEach((group, nanos) -> System.out.printf("  %-28s %.3f ms per reply%n", group,
					(nanos - threadsBefore.getOrDefault(group, 0L)) / 1e6 / measured));
		}
		kefu.close();
		this.wechat.close();
	}

	/** Offers one reply to a new user at a fixed rate for the given time; answers how many. */
	private int drive(Offer offer, int rate, int seconds) {
		ExecutorService senders = Executors.newFixedThreadPool(32);
		long interval = 1_000_000_000L / rate;
		int count = rate * seconds;
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			String openId = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);
			// Latency counts from when the reply was due, so a backlog in this generator counts too.
			this.offeredAt.put(openId, due);
			if (this.measuring) {
				this.measured.add(openId);
			}
			senders.execute(() -> {
				if (!offer.offer(openId)) {
					this.refused.incrementAndGet();
				}
			});
		}
		senders.shutdown();
		return count;
	}

	private void report(String appId, int offered, long offeredForNanos, long untilLastSendNanos) {
		List<Long> sorted = new ArrayList<>(this.latencies);
		Collections.sort(sorted);
		int sent = sorted.size();
		System.out.printf("offered %d replies in %.1f s (%.0f/s); %d sent, %d not sent, %d pushes refused%n", offered,
				offeredForNanos / 1e9, offered / (offeredForNanos / 1e9), sent, offered - sent, this.refused.get());
		System.out.printf("throughput %.0f sends/s (first offer to last send)%n", sent / (untilLastSendNanos / 1e9));
		if (sent > 0) {
			System.out.printf("push-to-send latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", percentile(sorted, 50),
					percentile(sorted, 90), percentile(sorted, 99), sorted.get(sent - 1) / 1e6);
		}
		System.out.printf("token fetches for the whole run: %d%n", this.wechat.tokenFetches(appId));
		System.out.printf("fake WeChat saw malformed calls: %d%n", this.wechat.violations().size());
	}

	/** CPU time of live threads by name without digits (threads that ended are not counted). */
	private static Map<String, Long> cpuByThreadGroup() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		Map<String, Long> groups = new java.util.TreeMap<>();
		for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null) {
				long cpu = threads.getThreadCpuTime(info.getThreadId());
				if (cpu > 0) {
					groups.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
				}
			}
		}
		return groups;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static double percentile(List<Long> sorted, int percent) {
		int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	@FunctionalInterface
	private interface Offer {

		/** Offers one reply to this user; {@code false} if kefu refused it. */
		boolean offer(String openId);

	}

	private static Offer planned(ConfigurableApplicationContext kefu, String appId) {
		return (openId) -> {
			KefuInstances.publish(kefu, KefuInstances.replyPlanned(appId, openId, ReplyPlanned.Cause.USER_MESSAGE,
					new Reply.Text("bench reply")));
			return true;
		};
	}

	/** Pushes through the inbox, answered by a DEFAULT rule created through the admin API. */
	private Offer pushes(ConfigurableApplicationContext kefu, String appId) throws Exception {
		String base = "http://127.0.0.1:" + kefu.getEnvironment().getProperty("local.server.port");
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		String rule = """
				{"name": "bench", "trigger": "DEFAULT", "priority": 0, "enabled": true, "replyMode": "ALL",
				 "keywords": [], "replies": [{"type": "text", "content": "bench reply"}]}""";
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/apps/" + appId + "/rules"))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString("admin:admin-password-for-tests".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(rule))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException("creating the DEFAULT rule answered " + created.statusCode() + ": "
					+ created.body() + " (are the inbox and rules modules merged?)");
		}
		String token = kefu.getBean(dev.kefu.apps.Apps.class).find(appId).orElseThrow().token();
		PushCodec codec = new PushCodec();
		AtomicInteger msgIds = new AtomicInteger();
		return (openId) -> {
			long now = System.currentTimeMillis() / 1000;
			String timestamp = Long.toString(now);
			int sequence = msgIds.incrementAndGet();
			String nonce = Integer.toString(sequence);
			// one number per offer: two offers sharing a MsgId would be one message to kefu
			String body = codec.encode(new PushMessage("gh_bench", openId, now, PushMessage.TEXT,
					Long.toString(1_000_000_000L + sequence), null, "hello", null, null, null, null, null, null,
					null, null, Map.of()), PushFormat.XML);
			URI uri = URI.create(base + "/wechat/" + appId + "?signature=" + PushSignature.sign(token, timestamp, nonce)
					+ "&timestamp=" + timestamp + "&nonce=" + nonce);
			try {
				HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri)
					.header("Content-Type", "text/xml")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
				return answer.statusCode() == 200;
			}
			catch (Exception ex) {
				return false;
			}
		};
	}

}
