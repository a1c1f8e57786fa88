package dev.kefu.wechat.push;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kefu.wechat.push.PushRejectedException.Reason;

import static dev.kefu.wechat.push.PushCipherTests.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

class PushFormatTests {

	@ParameterizedTest
	@ValueSource(strings = { "<xml></xml>", "  \r\n\t<xml/>", "\uFEFF<?xml version=\"1.0\"?><xml/>" })
	void sniffsXmlFromItsFirstCharacter(String body) throws Exception {
		assertThat(PushFormat.sniff(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(PushFormat.XML);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "\n  {\"a\":1}", "\uFEFF{}" })
	void sniffsJsonFromItsFirstCharacter(String body) throws Exception {
		assertThat(PushFormat.sniff(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(PushFormat.JSON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   \n", "[1]", "success", "\"x\"" })
	void refusesEverythingElseAsMalformed(String body) {
		assertRejected(() -> PushFormat.sniff(body.getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED_BODY);
	}

}
