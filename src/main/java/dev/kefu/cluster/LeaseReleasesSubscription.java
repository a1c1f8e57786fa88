package dev.kefu.cluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes this instance to the lease releases the other instances announce on Redis
 * ({@link LeaseReleases#CHANNEL}). The subscription is made on a thread of its own and
 * tried again every 5 s until it holds, so a Redis that is down when kefu starts delays
 * the subscription, never the start; meanwhile waiters notice releases after their
 * backoff. Once subscribed, the listener container renews a subscription that Redis
 * dropped.
 */
final class LeaseReleasesSubscription implements SmartLifecycle, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LeaseReleasesSubscription.class);

	private static final Duration RETRY = Duration.ofSeconds(5);

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private CountDownLatch stopped;

	LeaseReleasesSubscription(RedisConnectionFactory redis, LeaseReleases releases) {
		this.container.setConnectionFactory(redis);
		this.container.addMessageListener(releases.listener(), new ChannelTopic(LeaseReleases.CHANNEL));
		this.container.afterPropertiesSet();
	}

	@Override
	public synchronized void start() {
		if (this.stopped != null) {
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		this.stopped = stopped;
		Thread thread = new Thread(() -> subscribe(stopped), "kefu-lease-releases");
		thread.setDaemon(true);
		thread.start();
	}

	private void subscribe(CountDownLatch stopped) {
		boolean warned = false;
		while (stopped.getCount() > 0) {
			try {
				this.container.start();
				if (stopped.getCount() == 0) {
					// stopped while subscribing
					this.container.stop();
				}
				return;
			}
			catch (RuntimeException ex) {
				if (!warned) {
					logger.warn("Cannot subscribe to lease releases on Redis yet, will try again every {} s: {}",
							RETRY.toSeconds(), ex.toString());
					warned = true;
				}
				this.container.stop();
			}
			try {
				stopped.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Whether the subscription holds, for tests. */
	boolean listening() {
		return this.container.isListening();
	}

	@Override
	public synchronized void stop() {
		if (this.stopped == null) {
			return;
		}
		this.stopped.countDown();
		this.stopped = null;
		this.container.stop();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.stopped != null;
	}

	@Override
	public void destroy() throws Exception {
		this.container.destroy();
	}

}
