package dev.kefu.media;

import java.util.List;
import java.util.Map;

/**
 * Something that refers to assets, asked before an asset is deleted and by the console's
 * asset screen. Implemented by the modules that keep asset ids (the rules' replies);
 * media depends on none of them.
 */
public interface AssetUsage {

	/**
	 * Whether {@code assetId} of {@code appId} is referred to; called on every delete.
	 */
	boolean uses(String appId, String assetId);

	/**
	 * What refers to each of the app's assets that is referred to, by asset id, in the
	 * order to show them; for the console.
	 */
	Map<String, List<Use>> usesByAsset(String appId);

	/**
	 * One thing that refers to an asset.
	 *
	 * @param name its name, as operators know it (a rule's name)
	 * @param path the console page that shows it, e.g. {@code /apps/{appId}/rules/{id}}
	 */
	record Use(String name, String path) {
	}

}
