package dev.kefu.media;

/**
 * Something that refers to assets, asked before an asset is deleted. Implemented by the modules
 * that keep asset ids (rules' replies, pending deliveries); media depends on none of them.
 */
public interface AssetUsage {

	/** Whether {@code assetId} of {@code appId} is referred to; called on every delete. */
	boolean uses(String appId, String assetId);

}
