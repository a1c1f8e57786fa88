package dev.kefu.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A bench program once its options are read ({@link BenchOptions}): it runs kefu and its
 * load in a scratch directory of its own.
 */
@FunctionalInterface
interface BenchProgram {

	void run(BenchOptions options, Path dir) throws Exception;

	/**
	 * Reads the options (a refused one ends the program with status 2 and the reason),
	 * runs {@code program} in a fresh scratch directory named after {@code name}, deletes
	 * the directory, and ends the program with status 0.
	 * @param check refuses, with an {@link IllegalArgumentException}, options this
	 * program cannot run with
	 */
	static void main(String[] args, String name, Consumer<BenchOptions> check, BenchProgram program) throws Exception {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
			check.accept(options);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		Path dir = Files.createTempDirectory("kefu-" + name + "-");
		try {
			program.run(options, dir);
		}
		finally {
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
		System.exit(0);
	}

	/** A loopback port nothing listens on now, for kefu to take. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
