package dev.kefu.emulator;

import java.util.Arrays;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulated temporary media over real HTTP (wechat-protocol.md §8): images only, in
 * the part {@code media}, each media_id valid 3 days and only for its app.
 */
class EmulatorMediaIntegrationTests extends EmulatorIntegrationTestSupport {

	@Test
	void uploadsAnImageAndGivesItBack() {
		String token = accessToken(registerApp());
		byte[] png = png();
		JsonNode answer = upload(token, "image", "media", png);
		assertThat(errcode(answer)).isZero();
		assertThat(answer.get("type").stringValue()).isEqualTo("image");
		assertThat(answer.get("created_at").longValue()).isPositive();
		ResponseEntity<byte[]> image = this.http.get()
			.uri("/emulator/api/cgi-bin/media/get?access_token=" + token + "&media_id="
					+ answer.get("media_id").stringValue())
			.retrieve()
			.toEntity(byte[].class);
		assertThat(image.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
		assertThat(image.getBody()).isEqualTo(png);
	}

	@Test
	void refusesAnotherMediaTypeWith40004() {
		assertThat(errcode(upload(accessToken(registerApp()), "voice", "media", png()))).isEqualTo(40004);
	}

	@Test
	void refusesAFileNotInThePartMediaWith40004() {
		assertThat(errcode(upload(accessToken(registerApp()), "image", "file", png()))).isEqualTo(40004);
	}

	@Test
	void refusesContentThatIsNotAnImageWith40004() {
		assertThat(errcode(upload(accessToken(registerApp()), "image", "media", "GIF? no, text".getBytes())))
			.isEqualTo(40004);
	}

	@Test
	void refusesAnOversizedImageWith40006() {
		byte[] big = Arrays.copyOf(png(), TemporaryMedia.MAX_BYTES + 1);
		assertThat(errcode(upload(accessToken(registerApp()), "image", "media", big))).isEqualTo(40006);
	}

	@Test
	void refusesAnotherAppsMediaIdWith40007() {
		String mediaId = upload(accessToken(registerApp()), "image", "media", png()).get("media_id").stringValue();
		String otherToken = accessToken(registerApp());
		assertThat(errcode(get("/emulator/api/cgi-bin/media/get?access_token=" + otherToken + "&media_id=" + mediaId)))
			.isEqualTo(40007);
	}

	@Test
	void expiresAMediaIdAfterThreeDays() {
		String appId = registerApp();
		String mediaId = upload(accessToken(appId), "image", "media", png()).get("media_id").stringValue();
		skip("P2DT23H59M");
		assertThat(this.http.get()
			.uri("/emulator/api/cgi-bin/media/get?access_token=" + accessToken(appId) + "&media_id=" + mediaId)
			.retrieve()
			.toEntity(byte[].class)
			.getHeaders()
			.getContentType()).isEqualTo(MediaType.IMAGE_PNG);
		skip("PT1M");
		assertThat(errcode(
				get("/emulator/api/cgi-bin/media/get?access_token=" + accessToken(appId) + "&media_id=" + mediaId)))
			.isEqualTo(40007);
	}

}
