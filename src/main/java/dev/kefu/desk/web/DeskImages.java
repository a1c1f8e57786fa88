package dev.kefu.desk.web;

import java.io.IOException;
import java.security.Principal;

import dev.kefu.apps.Apps;
import dev.kefu.media.AssetRejectedException;
import dev.kefu.media.Assets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * An image an agent uploads on the spot, {@code POST /apps/{appId}/desk/images}, from the
 * image field of the desk's reply form (and of the quick-reply form): stored as one of
 * the app's assets, as the assets page would (PNG, JPEG or GIF up to 2 MB), and answered
 * with the image field again, the new image chosen, ready to send. A refused file is
 * answered with the field and the reason at it, the earlier choice kept. Open to agents,
 * who may not use the assets page.
 */
@Controller
@RequestMapping("/apps/{appId}/desk/images")
class DeskImages {

	private static final Logger logger = LoggerFactory.getLogger(DeskImages.class);

	private final Apps apps;

	private final Assets assets;

	DeskImages(Apps apps, Assets assets) {
		this.apps = apps;
		this.assets = assets;
	}

	@PostMapping
	String upload(@PathVariable String appId, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String assetId, Principal principal, Model model) throws IOException {
		if (this.apps.find(appId).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		String name = (file != null && file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
				? file.getOriginalFilename() : "image";
		String chosen = assetId;
		if (file == null || file.isEmpty()) {
			model.addAttribute("imageProblem", "assets.empty");
		}
		else {
			try {
				chosen = this.assets.store(appId, name, file.getBytes()).id();
				logger.info("Image {} uploaded at the desk of app {} by {}", chosen, appId, principal.getName());
			}
			catch (AssetRejectedException ex) {
				model.addAttribute("imageProblem", "assets.notAnImage");
			}
		}
		model.addAttribute("appId", appId);
		model.addAttribute("images", this.assets.list(appId));
		model.addAttribute("imageFile", name);
		model.addAttribute("chosenImage", chosen);
		return "desk/desk :: imageUploaded";
	}

}
