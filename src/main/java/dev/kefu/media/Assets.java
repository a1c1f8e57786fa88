package dev.kefu.media;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.kefu.apps.Apps;
import dev.kefu.media.AssetRejectedException.Reason;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Operator image assets: PNG, JPEG or GIF by content, at most {@link #MAX_SIZE} bytes,
 * stored in the database per app. Thread-safe.
 */
@Service
public class Assets {

	/** The largest image kept: 2 MiB, WeChat's limit for customer-service images. */
	public static final int MAX_SIZE = 2 * 1024 * 1024;

	private final AssetStore store;

	private final Apps apps;

	private final ObjectProvider<AssetUsage> usages;

	private final ImageFetcher fetcher;

	private final Clock clock;

	Assets(AssetStore store, Apps apps, ObjectProvider<AssetUsage> usages, MediaProperties properties, Clock clock) {
		this.store = store;
		this.apps = apps;
		this.usages = usages;
		this.fetcher = new ImageFetcher(properties.allowPrivateNetworks(), properties.fetchTimeout());
		this.clock = clock;
	}

	/** The asset, if the app has it. */
	public Optional<Asset> find(String appId, String assetId) {
		return (assetId != null) ? this.store.find(appId, assetId) : Optional.empty();
	}

	/** The app's assets, oldest first. */
	public List<Asset> list(String appId) {
		requireApp(appId);
		return this.store.all(appId);
	}

	/**
	 * The image's bytes.
	 * @throws AssetRejectedException ({@link Reason#UNKNOWN_ASSET}) if the app has no
	 * such asset
	 */
	public byte[] content(String appId, String assetId) {
		return this.store.content(appId, assetId).orElseThrow(() -> unknown(assetId));
	}

	/**
	 * Stores an uploaded image.
	 * @param fileName as uploaded; only its last path segment is kept
	 * @throws AssetRejectedException if the app is unknown, the content is no PNG, JPEG
	 * or GIF, or it is too large
	 */
	public Asset store(String appId, String fileName, byte[] content) {
		requireApp(appId);
		ImageType type = check(content);
		return save(appId, cleanName(fileName, type), type, content, null);
	}

	/**
	 * Fetches an image by URL (SSRF-safe, see {@link ImageFetcher}) and stores it; a URL
	 * this app already fetched is not fetched again.
	 * @throws AssetRejectedException if the URL may not or could not be fetched, or the
	 * answer is no acceptable image
	 */
	public Asset fetch(String appId, URI url) {
		requireApp(appId);
		String source = url.toString();
		Optional<Asset> fetched = this.store.findBySource(appId, source);
		if (fetched.isPresent()) {
			return fetched.get();
		}
		byte[] content = this.fetcher.fetch(url);
		ImageType type = check(content);
		String path = (url.getPath() != null) ? url.getPath() : "";
		return save(appId, cleanName(path, type), type, content, source);
	}

	/**
	 * Deletes an asset nothing refers to any more.
	 * @throws AssetRejectedException if the app has no such asset
	 * ({@link Reason#UNKNOWN_ASSET}) or it is still in use ({@link Reason#IN_USE})
	 */
	public void delete(String appId, String assetId) {
		requireApp(appId);
		find(appId, assetId).orElseThrow(() -> unknown(assetId));
		if (this.usages.orderedStream().anyMatch((usage) -> usage.uses(appId, assetId))) {
			throw new AssetRejectedException(Reason.IN_USE, "Asset " + assetId + " is still used");
		}
		this.store.delete(appId, assetId);
	}

	private Asset save(String appId, String fileName, ImageType type, byte[] content, String source) {
		Asset asset = new Asset(UUID.randomUUID().toString(), appId, fileName, type.contentType(), content.length,
				Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS));
		this.store.insert(asset, sha256(content), content, source);
		return asset;
	}

	private static ImageType check(byte[] content) {
		if (content.length > MAX_SIZE) {
			throw ImageFetcher.tooLarge();
		}
		return ImageType.sniff(content)
			.orElseThrow(() -> new AssetRejectedException(Reason.NOT_AN_IMAGE, "is not a PNG, JPEG or GIF image"));
	}

	private void requireApp(String appId) {
		if (this.apps.find(appId).isEmpty()) {
			throw new AssetRejectedException(Reason.UNKNOWN_APP, "No app " + appId);
		}
	}

	private static AssetRejectedException unknown(String assetId) {
		return new AssetRejectedException(Reason.UNKNOWN_ASSET, "No asset " + assetId);
	}

	private static String cleanName(String name, ImageType type) {
		String last = (name != null) ? name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1) : "";
		last = last.replaceAll("[\\p{Cntrl}\"]", "").strip();
		if (last.isEmpty()) {
			last = "image." + type.extension();
		}
		return (last.length() > 255) ? last.substring(last.length() - 255) : last;
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
