package dev.kefu.links;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who asked for a short URL, from the request's method, User-Agent and purpose. */
class VisitorTests {

	static final String IPHONE_WECHAT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN";

	static final String ANDROID_WECHAT = "Mozilla/5.0 (Linux; Android 14; 23049RAD8C Build/UKQ1.230804.001; wv) "
			+ "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
			+ "MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN";

	static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

	static final String WINDOWS_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
			+ "Gecko) Chrome/124.0.0.0 Safari/537.36";

	@Test
	void takesWeChatOnAnIphoneForIosInWeChat() {
		assertThat(Visitor.of("GET", IPHONE_WECHAT, null)).isEqualTo(new Visitor(Platform.IOS, true, false));
	}

	@Test
	void takesWeChatOnAndroidForAndroidInWeChat() {
		assertThat(Visitor.of("GET", ANDROID_WECHAT, null)).isEqualTo(new Visitor(Platform.ANDROID, true, false));
	}

	@Test
	void tellsBrowsersOutsideWeChatApart() {
		assertThat(Visitor.of("GET", IPHONE_SAFARI, null)).isEqualTo(new Visitor(Platform.IOS, false, false));
		assertThat(Visitor.of("GET", WINDOWS_CHROME, null)).isEqualTo(new Visitor(Platform.DESKTOP, false, false));
		assertThat(Visitor.of("GET", "Mozilla/5.0 (Linux; OpenHarmony 4.1) AppleWebKit/537.36 ArkWeb/4.1.6.1 Mobile",
				null))
			.isEqualTo(new Visitor(Platform.OTHER, false, false));
	}

	@Test
	void takesCrawlersPreviewsAndHttpLibrariesForFetchers() {
		assertThat(Visitor
			.of("GET", "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", null)
			.fetcher()).isTrue();
		assertThat(Visitor.of("GET", "facebookexternalhit/1.1", null).fetcher()).isTrue();
		assertThat(
				Visitor.of("GET", "Mozilla/5.0 (Macintosh) AppleWebKit/537.36 HeadlessChrome/124.0 Safari/537.36", null)
					.fetcher())
			.isTrue();
		assertThat(Visitor.of("GET", "curl/8.5.0", null).fetcher()).isTrue();
		assertThat(Visitor.of("GET", "okhttp/4.12.0", null).fetcher()).isTrue();
		assertThat(Visitor.of("GET", null, null)).isEqualTo(new Visitor(Platform.OTHER, false, true));
	}

	@Test
	void takesAHeadRequestOrAPrefetchForAFetcherWhateverItsUserAgent() {
		assertThat(Visitor.of("HEAD", IPHONE_WECHAT, null).fetcher()).isTrue();
		assertThat(Visitor.of("GET", IPHONE_SAFARI, "prefetch").fetcher()).isTrue();
	}

}
