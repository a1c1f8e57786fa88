package dev.kefu.emulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one thread that completes delayed answers, so an emulated delay never holds a
 * request thread. Wrapped rather than exposed as a {@link ScheduledExecutorService} bean,
 * which Spring's scheduling would otherwise pick up for the whole application.
 */
@Component
class EmulatorScheduler implements DisposableBean {

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "emulator-scheduler");
		thread.setDaemon(true);
		return thread;
	});

	void schedule(Runnable task, long delay, TimeUnit unit) {
		this.executor.schedule(task, delay, unit);
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
