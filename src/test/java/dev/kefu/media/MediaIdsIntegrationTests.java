package dev.kefu.media;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.kefu.FakeWeChat.Upload;
import dev.kefu.FakeWeChatContext;
import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.wechat.api.ApiError;
import dev.kefu.wechat.api.ApiResult;
import dev.kefu.wechat.api.AppCredentials;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/** The media_id lifecycle against the fake WeChat, with assets from a mocked store. */
class MediaIdsIntegrationTests extends FakeWeChatContext {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3 };

	@Autowired
	MediaIds mediaIds;

	@Autowired
	Apps apps;

	AppCredentials credentials(String appId) {
		App app = this.apps.find(appId).orElseThrow();
		return new AppCredentials(app.appId(), app.secret(), app.sandbox());
	}

	String asset(String appId) {
		String assetId = UUID.randomUUID().toString();
		given(this.assets.find(appId, assetId)).willReturn(
				java.util.Optional.of(new Asset(assetId, appId, "banner.png", "image/png", PNG.length, Instant.now())));
		given(this.assets.content(appId, assetId)).willReturn(PNG);
		return assetId;
	}

	@Test
	void uploadsOnFirstUseAndReusesTheMediaId() {
		String appId = registerApp();
		String assetId = asset(appId);
		assertThat(this.mediaIds.cached(assetId)).isEmpty();

		ApiResult<String> first = this.mediaIds.mediaId(credentials(appId), assetId);
		ApiResult<String> second = this.mediaIds.mediaId(credentials(appId), assetId);

		assertThat(first.value()).isNotNull().isEqualTo(second.value());
		assertThat(this.mediaIds.cached(assetId)).contains(first.value());
		List<Upload> uploads = uploadsOf(appId);
		assertThat(uploads).singleElement().satisfies((upload) -> {
			assertThat(upload.fileName()).isEqualTo("banner.png");
			assertThat(upload.contentType()).isEqualTo("image/png");
			assertThat(upload.content()).isEqualTo(PNG);
		});
	}

	@Test
	void concurrentRequestsForOneAssetUploadOnce() throws Exception {
		String appId = registerApp();
		String assetId = asset(appId);
		AppCredentials app = credentials(appId);
		int callers = 8;
		CyclicBarrier start = new CyclicBarrier(callers);
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			List<Callable<ApiResult<String>>> calls = java.util.Collections.nCopies(callers, () -> {
				start.await();
				return this.mediaIds.mediaId(app, assetId);
			});
			List<String> mediaIds = new java.util.ArrayList<>();
			for (Future<ApiResult<String>> result : pool.invokeAll(calls)) {
				mediaIds.add(result.get().value());
			}
			assertThat(mediaIds).doesNotContainNull().containsOnly(mediaIds.get(0));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(uploadsOf(appId)).hasSize(1);
	}

	@Test
	void renewingARejectedMediaIdUploadsAgainButALateRejectionKeepsTheNewOne() {
		String appId = registerApp();
		String assetId = asset(appId);
		String rejected = this.mediaIds.mediaId(credentials(appId), assetId).value();

		String renewed = this.mediaIds.renew(credentials(appId), assetId, rejected).value();
		String again = this.mediaIds.renew(credentials(appId), assetId, rejected).value();

		assertThat(renewed).isNotEqualTo(rejected).isEqualTo(again);
		assertThat(uploadsOf(appId)).hasSize(2);
	}

	@Test
	void aMissingAssetIsAPermanentError() {
		String appId = registerApp();

		ApiResult<String> mediaId = this.mediaIds.mediaId(credentials(appId), UUID.randomUUID().toString());

		assertThat(mediaId.error().kind()).isEqualTo(ApiError.Kind.PERMANENT);
		assertThat(uploadsOf(appId)).isEmpty();
	}

	private static List<Upload> uploadsOf(String appId) {
		return wechat.uploads().stream().filter((upload) -> upload.appId().equals(appId)).toList();
	}

}
