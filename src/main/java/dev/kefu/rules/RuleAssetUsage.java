package dev.kefu.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.media.AssetUsage;

import org.springframework.stereotype.Component;

/**
 * Keeps assets that a rule's image or mini program card reply shows from being deleted,
 * and tells the asset screen which rules show each.
 */
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

	@Override
	public Map<String, List<Use>> usesByAsset(String appId) {
		Map<String, List<Use>> uses = new LinkedHashMap<>();
		for (RuleStore.Stored stored : this.store.all(appId)) {
			Rule rule = stored.rule();
			Use use = new Use(rule.name(), "/apps/" + appId + "/rules/" + rule.id());
			for (RulePart part : rule.replies()) {
				String assetId = (part instanceof RulePart.Send send) ? send.reply().shownAsset() : null;
				if (assetId != null) {
					List<Use> list = uses.computeIfAbsent(assetId, (id) -> new ArrayList<>());
					if (!list.contains(use)) {
						list.add(use);
					}
				}
			}
		}
		return uses;
	}

}
