package dev.kefu.emulator;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkedTextTests {

	@Test
	void splitsTextAroundLinks() {
		List<ChatEntry.TextRun> runs = LinkedText.parse("点击 <a href=\"https://example.com/app\">下载</a> 领取");
		assertThat(runs).containsExactly(new ChatEntry.TextRun("点击 ", null, null),
				new ChatEntry.TextRun("下载", "https://example.com/app", null), new ChatEntry.TextRun(" 领取", null, null));
	}

	@Test
	void keepsMiniProgramTextLinks() {
		List<ChatEntry.TextRun> runs = LinkedText.parse(
				"<a href=\"https://example.com\" data-miniprogram-appid=\"wx1\" data-miniprogram-path=\"pages/index/index\">go</a>");
		assertThat(runs).containsExactly(new ChatEntry.TextRun("go", "https://example.com", "pages/index/index"));
	}

	@Test
	void leavesNonHttpTargetsAsLiteralText() {
		String content = "<a href=\"javascript:alert(1)\">x</a>";
		assertThat(LinkedText.parse(content)).containsExactly(new ChatEntry.TextRun(content, null, null));
	}

	@Test
	void leavesPlainTextAlone() {
		assertThat(LinkedText.parse("a < b & c")).containsExactly(new ChatEntry.TextRun("a < b & c", null, null));
	}

}
