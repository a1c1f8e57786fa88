package dev.kefu.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The emulated temporary media APIs (wechat-protocol.md §8): upload only
 * {@code type=image} in the multipart part {@code media} (40004 otherwise), and get by
 * media_id (40007 when unknown, expired or another app's).
 *
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/en/dev/api-backend/open-api/customer-message/customerServiceMessage.uploadTempMedia.html">uploadTempMedia</a>
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/kf-mgnt/kf-message/getTempMedia.html">getTempMedia</a>
 */
@RestController
@RequestMapping("/emulator/api/cgi-bin/media")
class MediaEndpoint {

	private final ApiAnswers answers;

	private final TokenIssuer tokens;

	private final TemporaryMedia media;

	MediaEndpoint(ApiAnswers answers, TokenIssuer tokens, TemporaryMedia media) {
		this.answers = answers;
		this.tokens = tokens;
		this.media = media;
	}

	/**
	 * {@code POST /cgi-bin/media/upload?access_token=…&type=image}, multipart part
	 * {@code media}.
	 */
	@PostMapping("/upload")
	CompletableFuture<ResponseEntity<Object>> upload(
			@RequestParam(name = "access_token", required = false) String accessToken,
			@RequestParam(name = "type", required = false) String type,
			@RequestParam(name = "media", required = false) MultipartFile file) {
		return this.answers.answer(Faults.Api.UPLOAD, (call) -> {
			String appId = call.app(this.tokens.appOf(accessToken));
			if (!"image".equals(type) || file == null) {
				throw new Refusal(WechatError.INVALID_MEDIA_TYPE);
			}
			TemporaryMedia.Medium medium = this.media.store(appId, file.getOriginalFilename(), bytes(file));
			Map<String, Object> body = ApiAnswers.okBody();
			body.put("type", "image");
			body.put("media_id", medium.mediaId());
			body.put("created_at", medium.createdAt().getEpochSecond());
			return ApiAnswers.ok(body);
		});
	}

	/**
	 * {@code GET /cgi-bin/media/get?access_token=…&media_id=…}: the image bytes, or an
	 * errcode JSON.
	 */
	@GetMapping("/get")
	CompletableFuture<ResponseEntity<Object>> get(
			@RequestParam(name = "access_token", required = false) String accessToken,
			@RequestParam(name = "media_id", required = false) String mediaId) {
		return this.answers.answer(Faults.Api.GET, (call) -> {
			String appId = call.app(this.tokens.appOf(accessToken));
			TemporaryMedia.Medium medium = this.media.usable(appId, mediaId);
			return ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(medium.contentType()))
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment()
							.filename(medium.fileName(), StandardCharsets.UTF_8)
							.build()
							.toString())
				.body(medium.content());
		});
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
