package dev.kefu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps kefu's local files to the user it runs as, where the file system has POSIX
 * permissions: {@code kefu.data-dir} and the directory of an embedded H2 file database
 * ({@code ./data} by default) are created, or tightened, to {@code rwx------} before
 * anything writes to them; once the application is ready, the H2 files in it
 * ({@code kefu.mv.db}, its trace file) are set to {@code rw-------}. H2 creates its files
 * with the process's umask, so the directory is what keeps others out of files created
 * later. On other file systems nothing is changed.
 * <p>
 * A directory that cannot be made private (it belongs to another user) fails start-up
 * with a message naming the property.
 */
public class PrivateDataFiles implements EnvironmentPostProcessor {

	private static final String DATA_DIR = "kefu.data-dir";

	private static final String URL = "spring.datasource.url";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!posix()) {
			return;
		}
		Path dataDir = Path.of(environment.getProperty(DATA_DIR, "./data"));
		makePrivateDirectory(dataDir, DATA_DIR);
		Path database = h2File(environment.getProperty(URL, ""));
		if (database != null) {
			makePrivateDirectory(database.toAbsolutePath().getParent(), URL);
			application.addListeners((ApplicationListener<ApplicationEvent>) (event) -> {
				if (event instanceof ApplicationReadyEvent) {
					makePrivateFiles(database);
				}
			});
		}
	}

	/**
	 * The file path an embedded H2 URL names ({@code jdbc:h2:file:./data/kefu} or
	 * {@code jdbc:h2:./data/kefu}); else null.
	 */
	static Path h2File(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		String rest;
		if (lower.startsWith("jdbc:h2:file:")) {
			rest = url.substring("jdbc:h2:file:".length());
		}
		else if (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:tcp:")
				&& !lower.startsWith("jdbc:h2:ssl:") && !lower.startsWith("jdbc:h2:zip:")) {
			rest = url.substring("jdbc:h2:".length());
		}
		else {
			return null;
		}
		int options = rest.indexOf(';');
		String file = (options >= 0) ? rest.substring(0, options) : rest;
		if (file.startsWith("~")) {
			file = System.getProperty("user.home") + file.substring(1);
		}
		return file.isEmpty() ? null : Path.of(file);
	}

	static void makePrivateDirectory(Path directory, String property) {
		try {
			Files.createDirectories(directory);
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Cannot create " + directory.toAbsolutePath() + " readable by this user only; check " + property,
					ex);
		}
	}

	/**
	 * Sets the files of the H2 database {@code database} (its name without extension) to
	 * rw-------.
	 */
	static void makePrivateFiles(Path database) {
		Path directory = database.toAbsolutePath().getParent();
		String name = database.getFileName().toString() + ".";
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
				(p) -> p.getFileName().toString().startsWith(name))) {
			entries.forEach(files::add);
			for (Path file : files) {
				if (Files.isRegularFile(file)) {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
				}
			}
		}
		catch (IOException ex) {
			// the directory is private already; a file that vanished meanwhile is no
			// concern
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

}
