package dev.kefu.links;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextUrlsTests {

	@Test
	void replacesEachBareUrlInOrderAndLeavesTheSentenceAroundIt() {
		List<String> found = new ArrayList<>();
		String replaced = TextUrls.replace("安卓：https://example.com/app?channel=kefu。iPhone: https://example.com/ios.",
				(slot, url) -> {
					found.add(slot + " " + url);
					return "[" + slot + "]";
				});

		assertThat(replaced).isEqualTo("安卓：[0]。iPhone: [1].");
		assertThat(found).containsExactly("0 https://example.com/app?channel=kefu", "1 https://example.com/ios");
	}

	@Test
	void replacesTheHrefOfALinkAndReadsItsAmpersandsAsTheTargetHasThem() {
		String replaced = TextUrls.replace("<a href=\"https://example.com/app?a=1&amp;b=2\">下载</a>", (slot,
				url) -> url.equals("https://example.com/app?a=1&b=2") ? "https://kefu.example.com/l/x" : "wrong");

		assertThat(replaced).isEqualTo("<a href=\"https://kefu.example.com/l/x\">下载</a>");
	}

	@Test
	void leavesATextWithoutUrlsAndMiniProgramLinksAsTheyAre() {
		String text = "回复 1 下载，或 <a data-miniprogram-appid=\"wx123\" data-miniprogram-path=\"pages/index\">打开</a> https://";

		assertThat(TextUrls.replace(text, (slot, url) -> "[" + slot + "]")).isEqualTo(text);
	}

}
