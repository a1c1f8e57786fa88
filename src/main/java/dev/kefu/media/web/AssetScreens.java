package dev.kefu.media.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.Apps;
import dev.kefu.media.Asset;
import dev.kefu.media.AssetRejectedException;
import dev.kefu.media.AssetUsage;
import dev.kefu.media.AssetUsage.Use;
import dev.kefu.media.Assets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's asset screen, {@code /apps/{appId}/assets}: upload by drag and drop, preview,
 * what uses each image (the rules whose replies show it, as told by each {@link AssetUsage}), and
 * deletion, refused with those users' names while one is in use.
 */
@Controller
@RequestMapping("/apps/{appId}/assets")
class AssetScreens {

	private final Apps apps;

	private final Assets assets;

	private final ObjectProvider<AssetUsage> usages;

	AssetScreens(Apps apps, Assets assets, ObjectProvider<AssetUsage> usages) {
		this.apps = apps;
		this.assets = assets;
		this.usages = usages;
	}

	@GetMapping
	String page(@PathVariable String appId, Model model) {
		grid(appId, model);
		return "media/assets";
	}

	/** htmx: one file from the drop zone; answers the refreshed grid. */
	@PostMapping
	String upload(@PathVariable String appId, @RequestParam(required = false) MultipartFile file, Model model)
			throws IOException {
		requireApp(appId);
		if (file == null || file.isEmpty()) {
			model.addAttribute("assetNotice", "assets.empty");
		}
		else {
			try {
				String name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "image";
				this.assets.store(appId, name, file.getBytes());
				model.addAttribute("assetNotice", "assets.uploaded");
				model.addAttribute("assetNoticeOk", true);
			}
			catch (AssetRejectedException ex) {
				model.addAttribute("assetNotice", "assets.rejected");
			}
		}
		grid(appId, model);
		return "media/assets :: grid";
	}

	/** htmx: deletes, or refuses with the rules that still use it. */
	@PostMapping("/{assetId}/delete")
	String delete(@PathVariable String appId, @PathVariable String assetId, Model model) {
		requireApp(appId);
		try {
			this.assets.delete(appId, assetId);
			model.addAttribute("assetNotice", "assets.deleted");
			model.addAttribute("assetNoticeOk", true);
		}
		catch (AssetRejectedException ex) {
			switch (ex.reason()) {
				case IN_USE -> {
					model.addAttribute("assetNotice", "assets.inUse");
					model.addAttribute("usedBy", uses(appId).getOrDefault(assetId, List.of()));
				}
				case UNKNOWN_ASSET, UNKNOWN_APP -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
				default -> model.addAttribute("assetNotice", "assets.rejected");
			}
		}
		grid(appId, model);
		return "media/assets :: grid";
	}

	/** The image itself, for previews; the browser may keep it: an asset never changes. */
	@GetMapping("/{assetId}/image")
	ResponseEntity<byte[]> image(@PathVariable String appId, @PathVariable String assetId) {
		Asset asset = this.assets.find(appId, assetId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(asset.contentType()))
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(30)).cachePrivate().immutable())
			.header("X-Content-Type-Options", "nosniff")
			.body(this.assets.content(appId, assetId));
	}

	private void grid(String appId, Model model) {
		requireApp(appId);
		List<Asset> list = this.assets.list(appId);
		Map<String, List<Use>> uses = uses(appId);
		Map<String, List<Use>> byAsset = new HashMap<>();
		Map<String, String> sizes = new HashMap<>();
		for (Asset asset : list) {
			byAsset.put(asset.id(), uses.getOrDefault(asset.id(), List.of()));
			sizes.put(asset.id(), size(asset.size()));
		}
		model.addAttribute("appId", appId);
		model.addAttribute("assets", list);
		model.addAttribute("uses", byAsset);
		model.addAttribute("sizes", sizes);
	}

	/** Asset id → what uses it, from every {@link AssetUsage}. */
	private Map<String, List<Use>> uses(String appId) {
		Map<String, List<Use>> uses = new HashMap<>();
		this.usages.orderedStream()
			.forEach((usage) -> usage.usesByAsset(appId)
				.forEach((assetId, list) -> uses.computeIfAbsent(assetId, (id) -> new ArrayList<>()).addAll(list)));
		return uses;
	}

	private void requireApp(String appId) {
		if (this.apps.find(appId).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return Math.round(bytes / 1024.0) + " KB";
		}
		return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
