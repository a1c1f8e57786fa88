package dev.kefu.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where kefu's CPU went, from the {@code jdk.ExecutionSample} events of a flight
 * recording (the events {@code jfr print --events jdk.ExecutionSample} shows) taken in a
 * time range: the methods on top of the sampled stacks (self time), the first kefu method
 * on each stack (which of kefu's code paths the time was spent under), and the threads,
 * by name with numbers folded.
 */
final class HotMethods {

	private final Map<String, Integer> self = new HashMap<>();

	private final Map<String, Integer> underKefu = new HashMap<>();

	private final Map<String, Integer> threads = new HashMap<>();

	private int samples;

	static HotMethods read(Path recording, Instant from, Instant to) throws IOException {
		HotMethods hot = new HotMethods();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (event.getEventType().getName().equals("jdk.ExecutionSample") && !event.getStartTime().isBefore(from)
						&& event.getStartTime().isBefore(to) && event.getStackTrace() != null
						&& !event.getStackTrace().getFrames().isEmpty()) {
					hot.add(event);
				}
			}
		}
		return hot;
	}

	private void add(RecordedEvent event) {
		List<RecordedFrame> frames = event.getStackTrace().getFrames();
		this.samples++;
		this.self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
		String kefu = frames.stream()
			.map((frame) -> frame.getMethod())
			.filter((method) -> method.getType().getName().startsWith("dev.kefu."))
			.map(HotMethods::name)
			.findFirst()
			.orElse("(no kefu frame in the recorded stack)");
		this.underKefu.merge(kefu, 1, Integer::sum);
		RecordedThread thread = event.getThread("sampledThread");
		String threadName = (thread != null && thread.getJavaName() != null) ? thread.getJavaName() : "(unnamed)";
		this.threads.merge(threadName.replaceAll("\\d+", "N"), 1, Integer::sum);
	}

	void print() {
		System.out.printf("%nJFR execution samples in the measured period: %d%n", this.samples);
		print("top 15 methods on the stack's top (self time)", this.self, 15);
		print("top 15 first kefu methods on the stack", this.underKefu, 15);
		print("threads", this.threads, 10);
	}

	private void print(String title, Map<String, Integer> counts, int limit) {
		System.out.println("  " + title + ":");
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach((entry) -> System.out.printf("    %5.1f%%  %s%n", 100.0 * entry.getValue() / this.samples,
					entry.getKey()));
	}

	private static String name(RecordedMethod method) {
		return method.getType().getName() + "." + method.getName();
	}

}
