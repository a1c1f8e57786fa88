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
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.kefu.inbox.OutageTimeline.Sample;
import dev.kefu.inbox.Pushes.Mode;
import dev.kefu.wechat.push.PushFormat;

/**
 * Threads that send pushes back to back, each with a MsgId of its own (safe-mode JSON
 * text, as WeChat sends them), and keep every answer with its timing. They stop when
 * told, or after two minutes whatever happens.
 */
final class Pushers {

	private static final Duration LONGEST_RUN = Duration.ofMinutes(2);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String url;

	private final String appId;

	private final String token;

	private final String encodingAesKey;

	private final Queue<Sample> answers = new ConcurrentLinkedQueue<>();

	private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();

	private final AtomicLong msgIds = new AtomicLong(System.currentTimeMillis() * 1000);

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean stopped;

	/** Pushers for the app at {@code base} ({@code http://host:port}). */
	Pushers(String base, String appId, String token, String encodingAesKey) {
		this.url = base + "/wechat/" + appId;
		this.appId = appId;
		this.token = token;
		this.encodingAesKey = encodingAesKey;
	}

	void start(int count) {
		long until = System.nanoTime() + LONGEST_RUN.toNanos();
		for (int i = 0; i < count; i++) {
			int pusher = i;
			Thread thread = new Thread(() -> push(pusher, until), "pusher-" + i);
			this.threads.add(thread);
			thread.start();
		}
	}

	private void push(int pusher, long until) {
		Pushes pushes = new Pushes(this.appId, this.token, this.encodingAesKey);
		while (!this.stopped && System.nanoTime() < until) {
			String msgId = Long.toString(this.msgIds.incrementAndGet());
			Pushes.Request push = pushes.build(Mode.SAFE, PushFormat.JSON,
					Pushes.text("o_pusher_" + pusher, msgId, "push " + msgId), System.currentTimeMillis() / 1000);
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.url + "?" + push.query()))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", push.contentType())
				.POST(BodyPublishers.ofByteArray(push.bytes()))
				.build();
			long sentAt = System.nanoTime();
			Sample answer;
			try {
				HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
				answer = new Sample(sentAt, System.nanoTime(), response.statusCode(), response.body());
			}
			catch (IOException ex) {
				answer = new Sample(sentAt, System.nanoTime(), -1, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			this.answers.add(answer);
			if (answer.status() == 200 && PushReceiver.SUCCESS.equals(answer.body())) {
				this.acknowledged.add(msgId);
			}
		}
	}

	/** Ends the pushers after their current push and waits for them. */
	void stop() throws InterruptedException {
		this.stopped = true;
		for (Thread thread : this.threads) {
			thread.join(TimeUnit.SECONDS.toMillis(15));
		}
	}

	/** How many pushes were answered {@code success} so far. */
	int acknowledged() {
		return this.acknowledged.size();
	}

	/** The MsgIds of the pushes answered {@code success}. */
	Set<String> acknowledgedMsgIds() {
		return new HashSet<>(this.acknowledged);
	}

	/** Every answer so far. */
	List<Sample> answers() {
		return new ArrayList<>(this.answers);
	}

	/** Whether a push sent at or after {@code nanoTime} has been answered 200. */
	boolean acceptedSince(long nanoTime) {
		return this.answers.stream().anyMatch((a) -> a.sentAt() >= nanoTime && a.status() == 200);
	}

}
