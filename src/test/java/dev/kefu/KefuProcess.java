package dev.kefu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged kefu ({@code target/kefu.jar}, built by {@code package} before failsafe
 * runs) in a JVM of its own, so a test can kill it with SIGKILL as an orchestrator would.
 * Its output goes to a log file the test keeps and can print on failure.
 */
public final class KefuProcess implements AutoCloseable {

	/**
	 * Small heap, C1 only and the CDS archive: a start in 10-15 s on a small machine, at
	 * the price of peak speed, which tests of correctness do not need.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-Xss512k", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-Xshare:auto");

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private KefuProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/**
	 * Starts kefu without waiting for it; {@link #awaitHealthy} waits.
	 * @param log the file that receives everything the process prints (replaced if
	 * present)
	 * @param environment variables added to this JVM's environment
	 * @param properties {@code name=value} pairs given as {@code --name=value}, after
	 * {@code server.port}
	 */
	public static KefuProcess start(String name, int port, Path log, Map<String, String> environment,
			List<String> properties) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(JVM_OPTIONS);
		command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port));
		properties.forEach((property) -> command.add("--" + property));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		try {
			Files.createDirectories(log.getParent());
			return new KefuProcess(name, port, log, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code count} distinct ports free right now (held together while chosen, so never
	 * the same twice).
	 */
	public static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// the port was free; closing cannot matter
				}
			}
		}
	}

	private static Path jar() {
		Path jar = Path.of("target", "kefu.jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException("no target/kefu.jar: run the integration tests through 'mvnw verify'");
		}
		return jar;
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits until {@code /actuator/health} answers 200.
	 * @throws AssertionError if the process exits or {@code limit} passes first, with the
	 * log's tail
	 */
	public void awaitHealthy(Duration limit) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			try {
				if (http.send(health, BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError(this.name + " did not become healthy within " + limit + " (alive: "
				+ this.process.isAlive() + ")\n" + tail(80));
	}

	/** Kills the process with SIGKILL and waits (at most 10 s) until it is gone. */
	public void kill() throws InterruptedException {
		if (!this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException(this.name + " survived SIGKILL for 10 s");
		}
	}

	/** The last {@code lines} lines of the log, headed by its name and path. */
	public String tail(int lines) {
		List<String> all = lines();
		return "---- " + this.name + " (" + this.log.toAbsolutePath() + ", last " + Math.min(lines, all.size()) + " of "
				+ all.size() + " lines)\n"
				+ String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	/**
	 * The first {@code limit} lines logged at WARN or ERROR, where a failure usually
	 * shows first.
	 */
	public String problems(int limit) {
		List<String> problems = lines().stream()
			.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR "))
			.toList();
		return "---- " + this.name + ": " + problems.size() + " WARN/ERROR lines, the first "
				+ Math.min(limit, problems.size()) + ":\n"
				+ String.join("\n", problems.subList(0, Math.min(limit, problems.size())));
	}

	private List<String> lines() {
		try {
			// decoded leniently: a log cut off by SIGKILL may end inside a character
			return new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			return List.of("(log unreadable: " + ex + ")");
		}
	}

	/**
	 * Kills the process if it still runs: tests end with SIGKILL, a graceful shutdown
	 * would only cost time.
	 */
	@Override
	public void close() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
