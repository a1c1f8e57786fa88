package dev.kefu.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs the sending of messages on this instance's sender threads: right after a reply is
 * planned (when its transaction commits, after the inbox made it durable), again when a
 * part's retry is due, and for what {@link OutboxSweep} takes over. A message is handled
 * by one thread at a time here; attempts are also claimed in the database, so instances
 * never send one part twice.
 * <p>
 * Graceful shutdown: once the web server has stopped taking requests, no new send starts.
 * A send in flight finishes and records its outcome; the parts after it stay PENDING
 * (waiting retries stay RETRYING), and once their lease runs out the sweep of another
 * instance, or of the next start, takes them over.
 */
@Component
class Dispatcher implements SmartLifecycle {

	private final DeliveryWorker worker;

	private final DeliveryStore deliveries;

	private final Clock clock;

	private final int senderCount;

	/**
	 * Made anew at each start: a paused (cached test) context is stopped and started
	 * again.
	 */
	private volatile ExecutorService senders;

	private volatile ScheduledExecutorService timer;

	/** Messages queued or being sent here, and messages waiting here for a retry. */
	private final Map<String, Boolean> busy = new ConcurrentHashMap<>();

	private final Map<String, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();

	private volatile boolean running;

	private volatile boolean stopped = true;

	Dispatcher(DeliveryWorker worker, DeliveryStore deliveries, Clock clock, OutboxProperties properties) {
		this.worker = worker;
		this.deliveries = deliveries;
		this.clock = clock;
		this.senderCount = properties.senders();
	}

	/** Sends the message's parts once the current transaction has committed. */
	void dispatchAfterCommit(String messageId, List<DeliveryStore.Row> parts) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				dispatch(messageId, parts);
			}
		});
	}

	/**
	 * Sends these unsent parts of a message, in order, unless it is already in hand here.
	 */
	void dispatch(String messageId, List<DeliveryStore.Row> parts) {
		if (this.stopped || this.busy.putIfAbsent(messageId, Boolean.TRUE) != null) {
			return;
		}
		try {
			this.senders.execute(() -> send(messageId, parts));
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: the sweep of another instance or of the next start sends it.
			this.busy.remove(messageId);
		}
	}

	/** Whether this instance is sending the message or waits to retry it. */
	boolean inHand(String messageId) {
		return this.busy.containsKey(messageId) || this.waiting.containsKey(messageId);
	}

	private void send(String messageId, List<DeliveryStore.Row> parts) {
		Instant next;
		try {
			next = this.worker.send(parts, this::stopping);
		}
		finally {
			this.busy.remove(messageId);
		}
		if (next != null && !this.stopped) {
			waitUntil(messageId, next);
		}
	}

	private void waitUntil(String messageId, Instant next) {
		long delay = Math.max(0, Duration.between(this.clock.instant(), next).toMillis());
		try {
			this.waiting.computeIfAbsent(messageId, (id) -> this.timer.schedule(() -> {
				this.waiting.remove(messageId);
				dispatch(messageId, this.deliveries.unsent(messageId));
			}, delay, TimeUnit.MILLISECONDS));
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: the retry is left to the sweep.
		}
	}

	boolean stopping() {
		return this.stopped;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.senders = new ThreadPoolExecutor(this.senderCount, this.senderCount, 1, TimeUnit.MINUTES,
				new LinkedBlockingQueue<>(), threads("outbox-sender-"));
		this.timer = new ScheduledThreadPoolExecutor(1, threads("outbox-retry-timer-"));
		this.busy.clear();
		this.waiting.clear();
		this.running = true;
		this.stopped = false;
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.stopped = true;
		this.timer.shutdownNow();
		this.senders.shutdown();
		try {
			this.senders.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts before and stops after the inbox's journal and the sweep (which hand it
	 * work), and so after the web server's graceful shutdown.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 8192;
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
