package dev.kefu.media.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.kefu.TestHttp;
import dev.kefu.apps.AppRegistry;
import dev.kefu.media.Assets;
import dev.kefu.rules.RulesIntegrationTest;
import dev.kefu.rules.TestApps;
import dev.kefu.rules.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /api/apps/{appId}/assets}, in the context the rules' tests share: deleting an
 * asset that a rule's reply shows is refused, so these tests make rules too.
 */
@RulesIntegrationTest
class AssetApiIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private AppRegistry registry;

	private TestHttp http;

	private String appId;

	private String assets;

	@BeforeEach
	void setUp() {
		this.http = TestHttp.on(this.port).as(RulesIntegrationTest.ADMIN, RulesIntegrationTest.ADMIN_PASSWORD);
		this.appId = TestApps.register(this.registry);
		this.assets = "/api/apps/" + this.appId + "/assets";
	}

	@Test
	void storesAnUploadedImageAndReturnsItsBytes() {
		byte[] png = TestImages.png(64, 64);

		HttpResponse<String> created = this.http.upload(this.assets, "logo.png", png);

		assertThat(created.statusCode()).isEqualTo(201);
		String id = JsonPath.read(created.body(), "$.id");
		HttpResponse<byte[]> image = this.http.getBytes(this.assets + "/" + id);
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(image.body()).isEqualTo(png);
		assertThat((List<String>) JsonPath.read(this.http.get(this.assets).body(), "$[*].fileName"))
			.containsExactly("logo.png");
	}

	@Test
	void tellsTheTypeByContentNotByName() {
		HttpResponse<String> created = this.http.upload(this.assets, "photo.png", TestImages.jpeg(8, 8));

		assertThat((String) JsonPath.read(created.body(), "$.contentType")).isEqualTo("image/jpeg");
	}

	@Test
	void refusesWhatIsNoImage() {
		HttpResponse<String> response = this.http.upload(this.assets, "x.png",
				"<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat((String) JsonPath.read(response.body(), "$.errors[0].field")).isEqualTo("file");
		assertThat(this.http.get(this.assets).body()).isEqualTo("[]");
	}

	@Test
	void refusesImagesOverTwoMebibytes() {
		byte[] big = new byte[Assets.MAX_SIZE + 1];
		System.arraycopy(TestImages.png(1, 1), 0, big, 0, 8);

		HttpResponse<String> response = this.http.upload(this.assets, "big.png", big);

		assertThat(response.statusCode()).isIn(400, 413);
		assertThat(this.http.get(this.assets).body()).isEqualTo("[]");
	}

	@Test
	void refusesToDeleteAnAssetAReplyShows() {
		String image = JsonPath.read(this.http.upload(this.assets, "a.png", TestImages.png(4, 4)).body(), "$.id");
		String thumb = JsonPath.read(this.http.upload(this.assets, "b.png", TestImages.png(5, 5)).body(), "$.id");
		String unused = JsonPath.read(this.http.upload(this.assets, "c.png", TestImages.png(6, 6)).body(), "$.id");
		String rule = JsonPath.read(this.http.postJson("/api/apps/" + this.appId + "/rules", """
				{"name": "图片", "trigger": "KEYWORD", "keywords": [{"text": "图", "match": "EXACT"}],
				 "replies": [{"type": "image", "assetId": "%s"},
				             {"type": "miniprogrampage", "title": "首页", "pagePath": "pages/index/index",
				              "thumbAssetId": "%s"}]}""".formatted(image, thumb)).body(), "$.id");

		assertThat(this.http.delete(this.assets + "/" + image).statusCode()).isEqualTo(409);
		assertThat(this.http.delete(this.assets + "/" + thumb).statusCode()).isEqualTo(409);
		assertThat(this.http.delete(this.assets + "/" + unused).statusCode()).isEqualTo(204);
		assertThat(this.http.get(this.assets + "/" + unused).statusCode()).isEqualTo(404);

		this.http.delete("/api/apps/" + this.appId + "/rules/" + rule);
		assertThat(this.http.delete(this.assets + "/" + image).statusCode()).isEqualTo(204);
	}

	@Test
	void keepsAppsApart() {
		String id = JsonPath.read(this.http.upload(this.assets, "a.png", TestImages.png(4, 4)).body(), "$.id");
		String other = "/api/apps/" + TestApps.register(this.registry) + "/assets/" + id;

		assertThat(this.http.get(other).statusCode()).isEqualTo(404);
		assertThat(this.http.delete(other).statusCode()).isEqualTo(404);
		assertThat(this.http.upload("/api/apps/wx0000000000000000/assets", "a.png", TestImages.png(4, 4)).statusCode())
			.isEqualTo(404);
	}

}
