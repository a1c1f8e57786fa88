package dev.kefu.rules;

import dev.kefu.media.AssetUsage;

import org.springframework.stereotype.Component;

/** Keeps assets that a rule's image or mini program card reply shows from being deleted. */
@Component
class RuleAssetUsage implements AssetUsage {

	private final RuleStore store;

	RuleAssetUsage(RuleStore store) {
		this.store = store;
	}

	@Override
	public boolean uses(String appId, String assetId) {
		return this.store.usesAsset(appId, assetId);
	}

}
