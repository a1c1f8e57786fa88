package dev.kefu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateDataFilesTests {

	@TempDir
	Path temp;

	@Test
	void findsTheFileOfAnEmbeddedH2Url() {
		assertThat(PrivateDataFiles.h2File("jdbc:h2:file:./data/kefu;WRITE_DELAY=50"))
			.isEqualTo(Path.of("./data/kefu"));
		assertThat(PrivateDataFiles.h2File("jdbc:h2:/var/lib/kefu/db")).isEqualTo(Path.of("/var/lib/kefu/db"));
		assertThat(PrivateDataFiles.h2File("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isNull();
		assertThat(PrivateDataFiles.h2File("jdbc:postgresql://127.0.0.1/test")).isNull();
	}

	@Test
	void createsTheDataDirectoryAndTheDatabaseDirectoryForTheOwnerOnly() throws Exception {
		Path existing = Files.createDirectories(this.temp.resolve("data"));
		Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
		MockEnvironment environment = new MockEnvironment().withProperty("kefu.data-dir", existing.toString())
			.withProperty("spring.datasource.url", "jdbc:h2:file:" + this.temp.resolve("db/kefu") + ";WRITE_DELAY=50");

		new PrivateDataFiles().postProcessEnvironment(environment, new SpringApplication());

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.temp.resolve("db"))))
			.isEqualTo("rwx------");
	}

	@Test
	void setsTheDatabaseFilesToOwnerReadAndWriteOnly() throws Exception {
		Path database = Files.createFile(this.temp.resolve("kefu.mv.db"));
		Path trace = Files.createFile(this.temp.resolve("kefu.trace.db"));
		Path other = Files.createFile(this.temp.resolve("notes.txt"));
		for (Path file : new Path[] { database, trace, other }) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		}

		PrivateDataFiles.makePrivateFiles(this.temp.resolve("kefu"));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(trace))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other))).isEqualTo("rw-r--r--");
	}

}
