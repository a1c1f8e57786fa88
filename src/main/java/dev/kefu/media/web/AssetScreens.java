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
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.springframework.web.servlet.ModelAndView;

/**
 * The console's asset screen, {@code /apps/{appId}/assets}: upload by drag and drop,
 * preview, what uses each image (the rules whose replies show it, as told by each
 * {@link AssetUsage}), and deletion, refused with those users' names while one is in use.
 */
@Controller
@RequestMapping("/apps/{appId}/assets")
class AssetScreens {

	private final Apps apps;

	private final Assets assets;

	private final ObjectProvider<AssetUsage> usages;

	private final MessageSource messages;

	AssetScreens(Apps apps, Assets assets, ObjectProvider<AssetUsage> usages, MessageSource messages) {
		this.apps = apps;
		this.assets = assets;
		this.usages = usages;
		this.messages = messages;
	}

	@GetMapping
	String page(@PathVariable String appId, Model model) {
		grid(appId, model);
		return "media/assets";
	}

	/**
	 * htmx: one file from the drop zone; answers the refreshed grid, or 422 with the
	 * refusal in words naming the file, which the page shows at the drop zone.
	 */
	@PostMapping
	ModelAndView upload(@PathVariable String appId, @RequestParam(required = false) MultipartFile file, Model model)
			throws IOException {
		requireApp(appId);
		String name = (file != null && file.getOriginalFilename() != null) ? file.getOriginalFilename() : "image";
		if (file == null || file.isEmpty()) {
			return refusal(text("assets.empty"));
		}
		try {
			this.assets.store(appId, name, file.getBytes());
		}
		catch (AssetRejectedException ex) {
			return refusal((ex.reason() == AssetRejectedException.Reason.TOO_LARGE)
					? text("upload.fileTooLarge", name, size(file.getSize()), size(Assets.MAX_SIZE))
					: text("assets.notAnImage", name));
		}
		model.addAttribute("assetNotice", "assets.uploaded");
		model.addAttribute("assetNoticeOk", true);
		grid(appId, model);
		return new ModelAndView("media/assets :: grid");
	}

	private ModelAndView refusal(String text) {
		ModelAndView refusal = new ModelAndView("media/assets :: refusal", Map.of("refusal", text));
		refusal.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
		return refusal;
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

	/**
	 * The image itself, for previews; the browser may keep it: an asset never changes.
	 */
	@GetMapping("/{assetId}/image")
	ResponseEntity<byte[]> image(@PathVariable String appId, @PathVariable String assetId) {
		Asset asset = this.assets.find(appId, assetId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
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
		model.addAttribute("maxBytes", Assets.MAX_SIZE);
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

	private String text(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return Math.round(bytes / 1024.0) + " KB";
		}
		return (bytes % (1024 * 1024) == 0) ? (bytes / (1024 * 1024)) + " MB"
				: String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
