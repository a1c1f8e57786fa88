package dev.kefu.links;

import java.util.List;
import java.util.Locale;

/**
 * Who asked for a short URL, from the request alone.
 *
 * @param platform from the User-Agent
 * @param inWeChat whether it is WeChat's in-app browser ({@code MicroMessenger} in the
 * User-Agent), where a tap in the chat opens
 * @param fetcher whether it is a link-preview fetcher, a prefetch or a bot rather than a
 * person tapping: such requests are redirected and recorded, but not counted as taps
 */
record Visitor(Platform platform, boolean inWeChat, boolean fetcher) {

	/**
	 * Words in a User-Agent that give away a program rather than a person: crawlers, link
	 * previews of chat apps and social sites, HTTP libraries and headless browsers.
	 */
	private static final List<String> FETCHER_MARKS = List.of("bot", "spider", "crawl", "slurp", "preview", "fetch",
			"scan", "monitor", "headless", "phantomjs", "facebookexternalhit", "whatsapp", "embedly", "curl/", "wget/",
			"python", "java/", "okhttp", "go-http-client", "apache-httpclient", "libwww", "httpclient", "node-fetch",
			"axios", "postman");

	/**
	 * @param method the HTTP method: a {@code HEAD} only looks
	 * @param userAgent the {@code User-Agent} header, or {@code null}
	 * @param purpose the {@code Sec-Purpose}, {@code Purpose} or {@code X-Purpose}
	 * header, or {@code null}: browsers say {@code prefetch} for a page they load before
	 * anyone taps
	 */
	static Visitor of(String method, String userAgent, String purpose) {
		String ua = (userAgent != null) ? userAgent.toLowerCase(Locale.ROOT) : "";
		boolean fetcher = "HEAD".equalsIgnoreCase(method) || (purpose != null && !purpose.isBlank())
				|| !ua.startsWith("mozilla/") || FETCHER_MARKS.stream().anyMatch(ua::contains);
		return new Visitor(platform(ua), ua.contains("micromessenger"), fetcher);
	}

	private static Platform platform(String ua) {
		if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod")) {
			return Platform.IOS;
		}
		if (ua.contains("android")) {
			// HarmonyOS before NEXT says Android too, and installs Android apps
			return Platform.ANDROID;
		}
		if (ua.contains("windows nt") || ua.contains("macintosh") || ua.contains("mac os x") || ua.contains("cros")
				|| ua.contains("x11") || ua.contains("linux x86_64")) {
			return Platform.DESKTOP;
		}
		return Platform.OTHER;
	}

}
