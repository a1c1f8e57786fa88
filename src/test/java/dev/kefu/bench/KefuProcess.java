package dev.kefu.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * kefu from its packaged jar in a JVM of its own, as an operator runs it: started with
 * properties on the command line and an app in the environment, its output in
 * {@code kefu.log} of the run's directory, its CPU time read from {@code /proc}. Closing
 * it ends the process (SIGTERM, then SIGKILL after 10 s).
 */
final class KefuProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private KefuProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.base = URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * Starts {@code java <jvmOptions> -jar <jar> --name=value...}.
	 * @param properties kefu's properties, {@code server.port} among them
	 */
	static KefuProcess start(Path jar, Path dir, List<String> jvmOptions, Map<String, String> properties,
			Map<String, String> environment) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		Path log = dir.resolve("kefu.log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		return new KefuProcess(process, log, Integer.parseInt(properties.get("server.port")));
	}

	boolean alive() {
		return this.process.isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	URI uri(String path) {
		return this.base.resolve(path);
	}

	/**
	 * Waits until {@code /actuator/health} answers 200; fails if kefu exits or is late.
	 */
	void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("kefu exited with " + this.process.exitValue());
			}
			try {
				HttpResponse<Void> health = this.http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("kefu not healthy within " + timeout);
	}

	/** {@code POST} of a JSON body with HTTP Basic; answers the status and body. */
	HttpResponse<String> postJson(String path, String json, String username, String password)
			throws IOException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * User plus system CPU time of the whole process so far, in clock ticks
	 * ({@link #clockTicks()}).
	 */
	long cpuTicks() throws IOException {
		return cpuTicks(Long.toString(pid()));
	}

	/** {@code utime + stime} of {@code /proc/<pid>/stat} ({@code self} for this JVM). */
	static long cpuTicks(String pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", pid, "stat"));
		// the command name in parentheses may hold spaces: count fields after it (state
		// is field 3)
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
	}

	/** Clock ticks per second, from {@code getconf CLK_TCK}. */
	static long clockTicks() throws IOException, InterruptedException {
		Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
		String ticks = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
		getconf.waitFor();
		return Long.parseLong(ticks);
	}

	/**
	 * Writes the flight recording named {@code recording} to {@code file} with
	 * {@code jcmd}.
	 */
	void dumpRecording(String recording, Path file) throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(pid()), "JFR.dump", "name=" + recording, "filename=" + file.toAbsolutePath())
			.redirectErrorStream(true)
			.start();
		String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!jcmd.waitFor(60, TimeUnit.SECONDS) || !Files.exists(file)) {
			throw new IllegalStateException("jcmd JFR.dump failed: " + output);
		}
	}

	/** The last 40 lines kefu wrote. */
	String logTail() throws IOException {
		List<String> lines = new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8).lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	/** Ends kefu at once (SIGKILL), e.g. when the benchmark itself is interrupted. */
	void kill() {
		this.process.destroyForcibly();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
