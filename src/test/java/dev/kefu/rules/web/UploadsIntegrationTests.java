package dev.kefu.rules.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kefu.ConsoleSession;
import dev.kefu.InBrowser;
import dev.kefu.media.Assets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads in a real browser and over HTTP: the size is checked before anything is sent, a
 * slow upload shows its progress, and every refusal, the server's 413 included, is shown
 * in words at the file's field; the server answers an upload over its limit with 413
 * naming the limit, whichever way it comes (htmx, a plain form, the API), never with a
 * 500.
 */
class UploadsIntegrationTests extends InBrowser {

	static final int LIMIT = 2 * 1024 * 1024;

	@Autowired
	Assets assets;

	String appId;

	@BeforeEach
	void app() {
		this.appId = newApp("上传测试");
		browser.signOut().signIn(ADMIN, ADMIN_PASSWORD);
	}

	/**
	 * A file that starts like a PNG (all the server looks at), {@code size} bytes long.
	 */
	private static Path png(String name, int size) throws Exception {
		byte[] content = new byte[size];
		byte[] magic = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
		System.arraycopy(magic, 0, content, 0, magic.length);
		Path file = Files.createTempDirectory("kefu-upload").resolve(name);
		Files.write(file, content);
		return file;
	}

	@Test
	void refusesAnImageOverTheLimitBeforeSendingIt() throws Exception {
		browser.open("/apps/" + this.appId + "/assets");
		browser.find("[data-test=file]").sendKeys(png("big-banner.png", LIMIT + 400_000).toString());
		String error = browser.await("[data-test=dropzone] [data-test=upload-error]").getText();
		// the browser's own words (the server would have said "kefu 最多接受 2 MB 的文件")
		assertThat(error).contains("big-banner.png").contains("2.4 MB").contains("2 MB 的上限");
		assertThat(this.assets.list(this.appId)).isEmpty();
	}

	@Test
	void showsTheServersRefusalOfAnUploadOverItsLimitAtTheField() throws Exception {
		browser.open("/apps/" + this.appId + "/assets");
		// a page that does not check first, as an older page would
		browser.script("document.querySelector('[data-dropzone]').setAttribute('data-max-bytes', '999999999')");
		browser.find("[data-test=file]").sendKeys(png("huge.png", LIMIT + 400_000).toString());
		assertThat(browser.await("[data-test=dropzone] [data-test=upload-error]").getText())
			.isEqualTo("文件太大：kefu 最多接受 2 MB 的文件。");
		assertThat(this.assets.list(this.appId)).isEmpty();
	}

	@Test
	void showsTheServersRefusalOfAFileThatIsNoImageAtTheField() throws Exception {
		Path fake = Files.createTempDirectory("kefu-upload").resolve("notes.png");
		Files.writeString(fake, "not an image at all");
		browser.open("/apps/" + this.appId + "/assets");
		browser.find("[data-test=file]").sendKeys(fake.toString());
		assertThat(browser.await("[data-test=dropzone] [data-test=upload-error]").getText())
			.isEqualTo("“notes.png” 不是 PNG、JPEG 或 GIF 图片，没有上传。");
		assertThat(this.assets.list(this.appId)).isEmpty();
	}

	@Test
	void showsTheProgressOfASlowUploadAndThenTheImage() throws Exception {
		browser.open("/apps/" + this.appId + "/assets");
		browser.slowUploads(400_000);
		try {
			browser.find("[data-test=file]").sendKeys(png("slow.png", LIMIT - 100_000).toString());
			browser.await("[data-test=upload-progress]");
			assertThat(browser.find("[data-test=upload-progress]").getText()).contains("slow.png");
			Number part = browser.until((d) -> {
				Number value = (Number) browser
					.script("return document.querySelector('[data-test=upload-progress] progress').value");
				return (value.intValue() > 0 && value.intValue() < 100) ? value : null;
			});
			assertThat(part.intValue()).isBetween(1, 99);
		}
		finally {
			browser.fullSpeed();
		}
		browser.until((d) -> this.assets.list(this.appId).size() == 1 ? true : null);
		browser.await("[data-asset]");
		assertThat(browser.find("[data-test=upload-progress]").isDisplayed()).isFalse();
	}

	@Test
	void refusesAnImportFileOverTheLimitAtItsField() throws Exception {
		browser.open("/apps/" + this.appId + "/rules/transfer");
		browser.find("#import-file").sendKeys(png("rules.json", LIMIT + 1).toString());
		assertThat(browser.await("#import-file + [data-test=upload-error]").getText()).contains("rules.json")
			.contains("2 MB 的上限");
		assertThat(browser.find("#import-file").getAttribute("value")).isEmpty();
	}

	@Test
	void answersAPlainFormUploadOverTheLimitWith413AndTheConsolesWords() throws Exception {
		HttpClient client = ConsoleSession.signIn(base(), ADMIN, ADMIN_PASSWORD);
		String page = client
			.send(HttpRequest.newBuilder(URI.create(base() + "/apps/" + this.appId + "/rules/transfer")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).as("the import form's CSRF token").isTrue();
		String token = csrf.group(1);
		// the token in the form, as a browser's form sends it: the CSRF check has to read
		// the upload
		HttpResponse<String> response = client
			.send(multipart("/apps/" + this.appId + "/rules/import", Map.of("_csrf", token), new byte[LIMIT + 1])
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("文件太大：kefu 最多接受 2 MB 的文件。").doesNotContain("Exception");
	}

	@Test
	void answersAnApiUploadOverTheLimitWithAProblemNamingTheLimit() throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(multipart("/api/apps/" + this.appId + "/assets", Map.of(), new byte[LIMIT + 1])
				.header("Authorization", "Basic " + basic)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":413").contains("up to 2 MB").contains("\"field\":\"file\"");
	}

	private HttpRequest.Builder multipart(String path, Map<String, String> fields, byte[] file) throws Exception {
		String boundary = "kefu" + UUID.randomUUID().toString().replace("-", "");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, String> field : fields.entrySet()) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
					+ field.getValue() + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(file);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
	}

}
