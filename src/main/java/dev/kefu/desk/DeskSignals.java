package dev.kefu.desk;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.kefu.cluster.OptionalRedis;
import dev.kefu.inbox.MessageReceived;
import dev.kefu.rules.AgentPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells the open desks that a conversation changed, within a second, as server-sent
 * events: a user's new message ({@value #MESSAGE}), a claim, release or answer
 * ({@value #CHANGE}) or a change of the notes and tags on a user ({@value #NOTE}), with
 * the user's OpenID as data (empty: any user of the app). Changes made on this instance
 * are told at once (a new message once its transaction commits). Those made on others
 * arrive through Redis pub/sub when Redis is configured (every instance publishes to and
 * listens on {@value #CHANNEL}); without Redis {@link DeskPoll} looks for them in the
 * database. Signals are hints: a desk reloads what it shows from the database, so a lost
 * or doubled signal costs nothing but a late or an extra reload.
 */
@Component
public class DeskSignals implements SmartLifecycle {

	public static final String MESSAGE = "message";

	public static final String CHANGE = "change";

	public static final String NOTE = "note";

	static final String CHANNEL = "kefu:desk:changed";

	/** An open desk's stream ends after this; the browser reconnects on its own. */
	private static final Duration STREAM = Duration.ofMinutes(10);

	private static final Logger logger = LoggerFactory.getLogger(DeskSignals.class);

	private final Map<String, Set<SseEmitter>> desks = new ConcurrentHashMap<>();

	// sends happen off the request and transaction threads: a slow desk never holds up a
	// push
	private final ExecutorService sender = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "kefu-desk-signals");
		thread.setDaemon(true);
		return thread;
	});

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listener;

	private volatile boolean running;

	private final AgentPresence presence;

	DeskSignals(Environment environment, ObjectProvider<StringRedisTemplate> redis,
			ObjectProvider<RedisConnectionFactory> connections, AgentPresence presence) {
		this.presence = presence;
		if (OptionalRedis.configured(environment)) {
			this.redis = redis.getObject();
			this.listener = new RedisMessageListenerContainer();
			this.listener.setConnectionFactory(connections.getObject());
			this.listener.addMessageListener(
					(message, pattern) -> received(
							new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8)),
					new ChannelTopic(CHANNEL));
			this.listener.afterPropertiesSet();
		}
		else {
			this.redis = null;
			this.listener = null;
		}
	}

	/**
	 * Whether other instances' changes come through Redis (else {@link DeskPoll} polls).
	 */
	boolean throughRedis() {
		return this.redis != null;
	}

	/** A new stream of the app's changes for one open desk. */
	public SseEmitter subscribe(String appId) {
		SseEmitter emitter = new SseEmitter(STREAM.toMillis());
		this.presence.seen(appId);
		Set<SseEmitter> emitters = this.desks.computeIfAbsent(appId, (k) -> ConcurrentHashMap.newKeySet());
		emitters.add(emitter);
		Runnable remove = () -> emitters.remove(emitter);
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError((ex) -> remove.run());
		return emitter;
	}

	/**
	 * Sends every open stream a comment, which the page ignores: a stream whose page went
	 * away fails and is dropped, so {@link #watched()} names only apps with a desk really
	 * connected.
	 */
	void heartbeat() {
		this.desks.values().forEach((emitters) -> {
			for (SseEmitter emitter : emitters) {
				try {
					emitter.send(SseEmitter.event().comment("alive"));
				}
				catch (IOException | IllegalStateException ex) {
					emitters.remove(emitter);
				}
			}
		});
	}

	/** The apps some desk on this instance is open on. */
	Set<String> watched() {
		this.desks.values().removeIf(Set::isEmpty);
		return this.desks.keySet();
	}

	/**
	 * Tells every desk of the app, on every instance, that the user's conversation
	 * changed.
	 */
	public void changed(String appId, String openId, String kind) {
		String signal = kind + "\n" + appId + "\n" + openId;
		if (this.redis != null) {
			this.sender.execute(() -> {
				try {
					this.redis.convertAndSend(CHANNEL, signal);
				}
				catch (RuntimeException ex) {
					logger.warn("Could not publish a desk signal, telling this instance's desks only: {}",
							ex.toString());
					received(signal);
				}
			});
		}
		else {
			received(signal);
		}
	}

	/**
	 * Tells this instance's desks only (what {@link DeskPoll} found, or what Redis
	 * brought).
	 */
	void local(String appId, String openId, String kind) {
		received(kind + "\n" + appId + "\n" + openId);
	}

	@EventListener
	void on(MessageReceived message) {
		if (!message.userMessage() && !message.enteredChat()) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					changed(message.appId(), message.openId(), MESSAGE);
				}
			});
		}
		else {
			changed(message.appId(), message.openId(), MESSAGE);
		}
	}

	private void received(String signal) {
		String[] parts = signal.split("\n", 3);
		if (parts.length < 3) {
			return;
		}
		Set<SseEmitter> emitters = this.desks.get(parts[1]);
		if (emitters == null || emitters.isEmpty()) {
			return;
		}
		this.sender.execute(() -> {
			for (SseEmitter emitter : emitters) {
				try {
					emitter.send(SseEmitter.event().name(parts[0]).data(parts[2]));
				}
				catch (IOException | IllegalStateException ex) {
					// the desk went away; its emitter's callbacks remove it
					emitters.remove(emitter);
				}
			}
		});
	}

	@Override
	public void start() {
		if (this.listener != null) {
			this.listener.start();
		}
		this.running = true;
	}

	/** Ends every open stream before the web server waits for requests to finish. */
	@Override
	public void stop() {
		this.running = false;
		this.desks.values().forEach((emitters) -> emitters.forEach(SseEmitter::complete));
		this.desks.clear();
		if (this.listener != null) {
			this.listener.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops before the web server's graceful shutdown, which would otherwise wait for the
	 * open streams.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 512;
	}

}
