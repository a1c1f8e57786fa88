package dev.kefu.media.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import dev.kefu.media.Asset;
import dev.kefu.media.AssetRejectedException;
import dev.kefu.media.AssetRejectedException.Reason;
import dev.kefu.media.Assets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/apps/{appId}/assets}: the app's images, stored in kefu's database so
 * replies can refer to them by id.
 */
@RestController
@RequestMapping("/api/apps/{appId}/assets")
@Tag(name = "Assets", description = "Images for image and mini program card replies")
class AssetController {

	private final Assets assets;

	AssetController(Assets assets) {
		this.assets = assets;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload an image (PNG, JPEG or GIF by content, at most 2 MiB) as multipart field 'file'")
	ResponseEntity<Asset> upload(@PathVariable String appId,
			@RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			throw new AssetRejectedException(Reason.NOT_AN_IMAGE, "Send the image as multipart field 'file'");
		}
		Asset asset = this.assets.store(appId, file.getOriginalFilename(), file.getBytes());
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(asset.id())
			.toUri();
		return ResponseEntity.created(location).body(asset);
	}

	@GetMapping
	@Operation(summary = "The app's assets, oldest first")
	List<Asset> list(@PathVariable String appId) {
		return this.assets.list(appId);
	}

	@GetMapping("/{id}")
	@Operation(summary = "The image itself")
	ResponseEntity<byte[]> content(@PathVariable String appId, @PathVariable String id) {
		Asset asset = this.assets.find(appId, id)
			.orElseThrow(() -> new AssetRejectedException(Reason.UNKNOWN_ASSET, "No asset " + id));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(asset.contentType()))
			.cacheControl(CacheControl.noCache())
			.header("X-Content-Type-Options", "nosniff")
			.body(this.assets.content(appId, id));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete an asset no reply uses (409 otherwise)")
	ResponseEntity<Void> delete(@PathVariable String appId, @PathVariable String id) {
		this.assets.delete(appId, id);
		return ResponseEntity.noContent().build();
	}

}
