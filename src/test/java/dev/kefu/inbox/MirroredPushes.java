package dev.kefu.inbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import dev.kefu.inbox.Pushes.Mode;
import dev.kefu.wechat.push.PushFormat;

/**
 * Pushers that send every push to each of several kefu instances at the same time, as
 * WeChat's retries of one push may land on any instance behind a load balancer. Each push
 * is a safe-mode JSON text from a user of its own with a MsgId of its own, so each should
 * get exactly one reply. Records when the first {@code success} for each user's push
 * arrived.
 */
final class MirroredPushes {

	/**
	 * Status counters per endpoint: answered {@code success}, answered otherwise, no
	 * answer.
	 */
	private static final int SUCCESS = 0, REFUSED = 1, FAILED = 2;

	private final List<URI> endpoints;

	private final String appId;

	private final String token;

	private final String encodingAesKey;

	private final String runTag;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicLongArray counts;

	private final List<Thread> pushers = new ArrayList<>();

	private volatile boolean stopped;

	/**
	 * @param endpoints each instance's {@code /wechat/{appId}}
	 * @param runTag part of every openid and MsgId, so that they never repeat across runs
	 * (a shared Redis keeps de-duplication keys and allowances between runs)
	 */
	MirroredPushes(List<URI> endpoints, String appId, String token, String encodingAesKey, String runTag) {
		this.endpoints = List.copyOf(endpoints);
		this.appId = appId;
		this.token = token;
		this.encodingAesKey = encodingAesKey;
		this.runTag = runTag;
		this.counts = new AtomicLongArray(endpoints.size() * 3);
	}

	/** The user who sends the {@code n}th push. */
	String openId(long n) {
		return String.format("oDEATH%s%08d", this.runTag, n);
	}

	/**
	 * Starts {@code pushers} threads, each sending a push (to every endpoint at once)
	 * when the last one is answered, but no more than {@code perSecond} pushes a second
	 * in all.
	 */
	void start(int pushers, int perSecond) {
		long interval = TimeUnit.SECONDS.toNanos(pushers) / perSecond;
		for (int i = 0; i < pushers; i++) {
			Thread pusher = new Thread(() -> push(interval), "mirrored-pusher-" + i);
			pusher.setDaemon(true);
			this.pushers.add(pusher);
			pusher.start();
		}
	}

	/**
	 * Stops the pushers after their current push; waits at most 15 s, well past a
	 * request's 6 s timeout.
	 */
	void stop() throws InterruptedException {
		this.stopped = true;
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		for (Thread pusher : this.pushers) {
			pusher.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			if (pusher.isAlive()) {
				throw new IllegalStateException(pusher.getName() + " did not stop within 15 s");
			}
		}
	}

	/**
	 * Each acknowledged user, with the {@link System#nanoTime()} its first
	 * {@code success} arrived.
	 */
	Map<String, Long> acknowledged() {
		return Map.copyOf(this.acknowledged);
	}

	/** How many pushes were sent (each to every endpoint). */
	long sent() {
		return this.sequence.get();
	}

	/** How many copies this endpoint answered {@code success}. */
	long successes(int endpoint) {
		return this.counts.get(endpoint * 3 + SUCCESS);
	}

	/** Answers per endpoint, e.g. {@code [1200 success, 3 refused, 40 unanswered]}. */
	String answers(int endpoint) {
		return String.format("[%d success, %d refused, %d unanswered]", this.counts.get(endpoint * 3 + SUCCESS),
				this.counts.get(endpoint * 3 + REFUSED), this.counts.get(endpoint * 3 + FAILED));
	}

	/**
	 * Sends one push from {@code openId} to one endpoint only; answers whether it was
	 * acknowledged. Not counted among the load's pushes.
	 */
	boolean pushOnce(int endpoint, String openId, String msgId) {
		Pushes.Request push = new Pushes(this.appId, this.token, this.encodingAesKey).build(Mode.SAFE, PushFormat.JSON,
				Pushes.text(openId, msgId, "probe"), System.currentTimeMillis() / 1000);
		try {
			HttpResponse<String> answer = this.http.send(request(endpoint, push), BodyHandlers.ofString());
			return answer.statusCode() == 200 && "success".equals(answer.body());
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private HttpRequest request(int endpoint, Pushes.Request push) {
		return HttpRequest.newBuilder(URI.create(this.endpoints.get(endpoint) + "?" + push.query()))
			.timeout(Duration.ofSeconds(6))
			.header("Content-Type", push.contentType())
			.POST(BodyPublishers.ofByteArray(push.bytes()))
			.build();
	}

	private void push(long interval) {
		Pushes pushes = new Pushes(this.appId, this.token, this.encodingAesKey);
		long next = System.nanoTime();
		while (!this.stopped) {
			long early = next - System.nanoTime();
			if (early > 0) {
				LockSupport.parkNanos(early);
				continue;
			}
			next += interval;
			long n = this.sequence.incrementAndGet();
			String openId = openId(n);
			String msgId = this.runTag + String.format("%08d", n);
			Pushes.Request push = pushes.build(Mode.SAFE, PushFormat.JSON, Pushes.text(openId, msgId, "hello " + n),
					System.currentTimeMillis() / 1000);
			List<CompletableFuture<Void>> copies = new ArrayList<>();
			for (int i = 0; i < this.endpoints.size(); i++) {
				int endpoint = i;
				copies.add(this.http.sendAsync(request(i, push), BodyHandlers.ofString())
					.handle((response, error) -> answered(endpoint, openId, response, error)));
			}
			CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)).join();
		}
	}

	private Void answered(int endpoint, String openId, HttpResponse<String> response, Throwable error) {
		if (error != null) {
			this.counts.incrementAndGet(endpoint * 3 + FAILED);
		}
		else if (response.statusCode() == 200 && "success".equals(response.body())) {
			this.counts.incrementAndGet(endpoint * 3 + SUCCESS);
			this.acknowledged.putIfAbsent(openId, System.nanoTime());
		}
		else {
			this.counts.incrementAndGet(endpoint * 3 + REFUSED);
		}
		return null;
	}

}
