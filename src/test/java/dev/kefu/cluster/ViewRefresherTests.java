package dev.kefu.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class ViewRefresherTests {

	final Counting refresher = new Counting();

	@AfterEach
	void stop() {
		this.refresher.stop();
	}

	@Test
	void loadsTheViewBeforeStartReturns() {
		this.refresher.start();

		assertThat(this.refresher.loads).hasValue(1);
		assertThat(this.refresher.isRunning()).isTrue();
	}

	@Test
	void aLoadThatFailsFailsTheStart() {
		this.refresher.failLoad = true;

		assertThatIllegalStateException().isThrownBy(this.refresher::start).withMessage("cannot load");
		assertThat(this.refresher.isRunning()).isFalse();
	}

	@Test
	void keepsPollingAfterARefreshThatFailed() {
		this.refresher.failRefreshes = 1;

		this.refresher.start();

		await().until(() -> this.refresher.refreshes.get() >= 2);
	}

	@Test
	void startsAgainAfterAStop() {
		this.refresher.start();
		this.refresher.stop();
		assertThat(this.refresher.isRunning()).isFalse();

		this.refresher.start();

		assertThat(this.refresher.loads).hasValue(2);
		assertThat(this.refresher.isRunning()).isTrue();
	}

	static final class Counting extends ViewRefresher {

		final AtomicInteger loads = new AtomicInteger();

		final AtomicInteger refreshes = new AtomicInteger();

		volatile boolean failLoad;

		volatile int failRefreshes;

		Counting() {
			super("test", Duration.ofMillis(1));
		}

		@Override
		protected void load() {
			if (this.failLoad) {
				throw new IllegalStateException("cannot load");
			}
			this.loads.incrementAndGet();
		}

		@Override
		protected void refreshIfChanged() {
			if (this.refreshes.incrementAndGet() <= this.failRefreshes) {
				throw new IllegalStateException("database gone");
			}
		}

		@Override
		public int getPhase() {
			return 0;
		}

	}

}
