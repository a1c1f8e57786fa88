package dev.kefu.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.random.RandomGenerator;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals credentials for storage with AES-256-GCM: {@code v1:} then base64 of a random
 * 12-byte nonce, the ciphertext and the 16-byte tag. The associated data binds each
 * sealed value to its app, so a value copied onto another app's row does not open.
 * <p>
 * Thread-safe.
 */
final class SecretBox {

	static final String KEY_FILE = "secrets.key";

	private static final String PREFIX = "v1:";

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final RandomGenerator random;

	SecretBox(byte[] key, RandomGenerator random) {
		if (key.length != 32) {
			throw new IllegalArgumentException("An AES-256 key has 32 bytes");
		}
		this.key = new SecretKeySpec(key, "AES");
		this.random = random;
	}

	/**
	 * The key from {@code kefu.secrets.key}, or else the one in the data directory's key
	 * file, generated there (readable by the owner only) if it does not exist yet.
	 */
	static SecretBox fromConfiguration(AppsProperties properties) {
		byte[] key = (properties.secrets().key() != null) ? properties.secrets().decodedKey()
				: keyFile(properties.dataDir().resolve(KEY_FILE));
		return new SecretBox(key, new SecureRandom());
	}

	/** The key stored at {@code file}, created with a fresh random key on first use. */
	static byte[] keyFile(Path file) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			byte[] key = decode(Files.readString(file, StandardCharsets.US_ASCII));
			if (key == null) {
				throw new IllegalStateException("The secrets key file " + file.toAbsolutePath()
						+ " does not hold the base64 encoding of 32 bytes; restore it, or set kefu.secrets.key");
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the secrets key file " + file.toAbsolutePath()
					+ "; check kefu.data-dir, or set kefu.secrets.key", ex);
		}
	}

	private static void create(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		// Written in full to a private temporary file, then moved into place, so a reader
		// never
		// sees a partial key and a concurrent first start keeps whichever key landed
		// first.
		Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".secrets", ".tmp");
		try {
			restrictToOwner(temporary);
			Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
			Files.move(temporary, file);
		}
		catch (FileAlreadyExistsException ex) {
			// another instance created it first: use theirs
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static void restrictToOwner(Path file) throws IOException {
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		else {
			var io = file.toFile();
			io.setReadable(false, false);
			io.setWritable(false, false);
			io.setReadable(true, true);
			io.setWritable(true, true);
		}
	}

	private static byte[] decode(String text) {
		try {
			byte[] bytes = Base64.getDecoder().decode(text.strip());
			return (bytes.length == 32) ? bytes : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Seals {@code plaintext} (nullable) for the app {@code appId}. */
	String seal(String appId, String plaintext) {
		if (plaintext == null) {
			return null;
		}
		byte[] nonce = new byte[NONCE_LENGTH];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, appId);
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * Opens a value sealed for {@code appId}; {@code null} for {@code null}.
	 * @throws IllegalStateException if it was sealed with another key or for another app,
	 * or was altered
	 */
	String open(String appId, String sealed) {
		if (sealed == null) {
			return null;
		}
		try {
			if (!sealed.startsWith(PREFIX)) {
				throw new GeneralSecurityException("unknown format");
			}
			byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
			if (bytes.length < NONCE_LENGTH + TAG_BITS / 8) {
				throw new GeneralSecurityException("too short");
			}
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_LENGTH), appId);
			byte[] plain = cipher.doFinal(bytes, NONCE_LENGTH, bytes.length - NONCE_LENGTH);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot decrypt the credentials of app " + appId
					+ ": they were encrypted with another key (every instance needs the same kefu.secrets.key) or altered");
		}
	}

	private Cipher cipher(int mode, byte[] nonce, String appId) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(("apps_app/" + appId).getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
