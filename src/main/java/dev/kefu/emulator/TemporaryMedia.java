package dev.kefu.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Temporary media as WeChat keeps it (wechat-protocol.md §8): images only, each media_id
 * valid for 3 days and only for the app that uploaded it (anything else answers 40007).
 * Images users send in the chat are kept here too, so kefu can fetch them with
 * {@code /cgi-bin/media/get}.
 * <p>
 * All images together take at most {@code kefu.emulator.media-memory} (64 MiB by
 * default); past it an upload is refused with WeChat's 45009 (quota reached) until older
 * images expire or their app is removed, rather than silently dropping media ids an app
 * still holds.
 */
@Component
class TemporaryMedia {

	static final Duration VALIDITY = Duration.ofDays(3);

	/**
	 * The Mini Program page states no limit; elsewhere WeChat allows 2 to 10 MB, so the
	 * strict emulator takes 2 MB.
	 */
	static final int MAX_BYTES = 2 * 1024 * 1024;

	/**
	 * The chat keeps showing delivered images for a while after their media_id expired.
	 */
	private static final Duration RETENTION = VALIDITY.plusDays(1);

	/** One stored image. */
	record Medium(String mediaId, String appId, String fileName, String contentType, byte[] content,
			Instant createdAt) {

		boolean validAt(Instant now) {
			return now.isBefore(this.createdAt.plus(VALIDITY));
		}

	}

	private final EmulatorTime time;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Medium> media = new LinkedHashMap<>();

	private final long maxTotalBytes;

	private long totalBytes;

	TemporaryMedia(EmulatorTime time, EmulatorProperties properties) {
		this.time = time;
		this.maxTotalBytes = properties.mediaMemory().toBytes();
	}

	/**
	 * Stores an image for an app.
	 * @throws Refusal 40006 when empty or too large, 40004 when not a PNG, JPEG or GIF,
	 * 45009 when the images held already take all the memory allowed
	 */
	synchronized Medium store(String appId, String fileName, byte[] content) {
		if (content.length == 0 || content.length > MAX_BYTES) {
			throw new Refusal(WechatError.INVALID_MEDIA_SIZE);
		}
		String contentType = imageType(content).orElseThrow(() -> new Refusal(WechatError.INVALID_MEDIA_TYPE));
		Instant now = this.time.now();
		purge(now);
		if (this.totalBytes + content.length > this.maxTotalBytes) {
			throw new Refusal(WechatError.DAILY_QUOTA);
		}
		Medium medium = new Medium(newMediaId(), appId, (fileName != null) ? fileName : "image", contentType, content,
				now);
		this.media.put(medium.mediaId(), medium);
		this.totalBytes += content.length;
		return medium;
	}

	/**
	 * A media_id the app may use now.
	 * @throws Refusal 40007 when unknown, expired or uploaded by another app
	 */
	synchronized Medium usable(String appId, String mediaId) {
		Medium medium = (mediaId != null) ? this.media.get(mediaId) : null;
		if (medium == null || !medium.appId().equals(appId) || !medium.validAt(this.time.now())) {
			throw new Refusal(WechatError.INVALID_MEDIA_ID);
		}
		return medium;
	}

	/** An image as shown in the chat, even after its media_id expired for the API. */
	synchronized Optional<Medium> shown(String mediaId) {
		return Optional.ofNullable(this.media.get(mediaId));
	}

	synchronized void forget(String appId) {
		removeIf((medium) -> medium.appId().equals(appId));
	}

	/** How many bytes the images held take together. */
	synchronized long totalBytes() {
		return this.totalBytes;
	}

	private void purge(Instant now) {
		removeIf((medium) -> medium.createdAt().plus(RETENTION).isBefore(now));
	}

	private void removeIf(java.util.function.Predicate<Medium> gone) {
		var entries = this.media.values().iterator();
		while (entries.hasNext()) {
			Medium medium = entries.next();
			if (gone.test(medium)) {
				entries.remove();
				this.totalBytes -= medium.content().length;
			}
		}
	}

	private String newMediaId() {
		byte[] bytes = new byte[48];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The image type by content, never by the name or the declared type. */
	static Optional<String> imageType(byte[] content) {
		if (startsWith(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return Optional.of("image/png");
		}
		if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
			return Optional.of("image/jpeg");
		}
		if (startsWith(content, 'G', 'I', 'F', '8')) {
			return Optional.of("image/gif");
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] content, int... prefix) {
		if (content.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((content[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
