package dev.kefu.links;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a tracked link redirects to. */
class TargetsTests {

	@Test
	void keepsTheTargetsOwnQueryAndAddsTheUtmParametersBeforeTheFragment() {
		assertThat(Targets.withUtm("https://example.com/app?channel=kefu&x=1#top",
				utm("source", "kefu", "campaign", "spring")))
			.isEqualTo("https://example.com/app?channel=kefu&x=1&utm_source=kefu&utm_campaign=spring#top");
	}

	@Test
	void startsAQueryWhenTheTargetHasNone() {
		assertThat(Targets.withUtm("https://example.com/app", utm("medium", "wechat")))
			.isEqualTo("https://example.com/app?utm_medium=wechat");
		assertThat(Targets.withUtm("https://example.com/app?", utm("medium", "wechat")))
			.isEqualTo("https://example.com/app?utm_medium=wechat");
	}

	@Test
	void leavesAUtmParameterTheTargetSetsAlone() {
		assertThat(
				Targets.withUtm("https://example.com/app?utm_source=site", utm("source", "kefu", "medium", "wechat")))
			.isEqualTo("https://example.com/app?utm_source=site&utm_medium=wechat");
	}

	@Test
	void encodesValuesAndTheTargetsOwnCharactersOutsideAscii() {
		assertThat(Targets.withUtm("https://example.com/下载?a=b", utm("campaign", "春季 活动&1")))
			.isEqualTo("https://example.com/%E4%B8%8B%E8%BD%BD?a=b"
					+ "&utm_campaign=%E6%98%A5%E5%AD%A3%20%E6%B4%BB%E5%8A%A8%261");
	}

	@Test
	void leavesATargetWithoutParametersAsItIs() {
		assertThat(Targets.withUtm("https://example.com/app?a=1", Map.of())).isEqualTo("https://example.com/app?a=1");
	}

	private static Map<String, String> utm(String... pairs) {
		Map<String, String> utm = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			utm.put(pairs[i], pairs[i + 1]);
		}
		return utm;
	}

}
