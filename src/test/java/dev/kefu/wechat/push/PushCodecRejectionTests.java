package dev.kefu.wechat.push;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kefu.wechat.push.PushRejectedException.Reason;

import static dev.kefu.wechat.push.PushCipherTests.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile and broken bodies: every DOCTYPE (so no XXE and no billion laughs), malformed
 * and truncated XML and JSON, nesting bombs. Each is refused with its own reason, and no
 * rejection message quotes the body.
 */
class PushCodecRejectionTests {

	private final PushCodec codec = new PushCodec();

	@ParameterizedTest
	@ValueSource(strings = { "hostile/xxe.xml", "hostile/billion-laughs.xml", "hostile/external-dtd.xml",
			"hostile/parameter-entity.xml" })
	void refusesAnyDoctype(String sample) {
		assertRejected(() -> this.codec.readEnvelope(Samples.bytes(sample), PushFormat.XML), Reason.DOCTYPE);
		assertRejected(() -> this.codec.decode(Samples.text(sample), PushFormat.XML), Reason.DOCTYPE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "<!DOCTYPE xml><xml/>", "<!DOCTYPE xml [<!ENTITY a \"b\">]><xml><C>&a;</C></xml>",
			"<?xml version=\"1.0\"?><!DOCTYPE xml [ <!ELEMENT xml ANY> ]><xml/>", "<!DOCTYPE xml [", "<!DOCTYPE" })
	void refusesDoctypesEvenWhenMalformed(String xml) {
		assertRejected(() -> this.codec.decode(xml, PushFormat.XML), Reason.DOCTYPE);
	}

	@Test
	void acceptsDoctypeTextInsideCdata() throws Exception {
		PushMessage message = this.codec.decode("<xml><Content><![CDATA[<!DOCTYPE html>]]></Content></xml>",
				PushFormat.XML);

		assertThat(message.content()).isEqualTo("<!DOCTYPE html>");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<xml><a>1</b></xml>", "<xml>", "<xml><Content><![CDATA[x]]></Content>",
			"<xml><Content>&undeclared;</Content></xml>", "<xml/><xml/>", "<xml></xml>trailing", "<xml><a></xml>",
			"<xml><CreateTime>soon</CreateTime></xml>", "<xml><a>\u0001</a></xml>", "", "   ", "<", "<xml attr></xml>",
			"<?xml version=\"1.0\"?>" })
	void refusesMalformedXml(String xml) {
		assertRejected(() -> this.codec.decode(xml, PushFormat.XML), Reason.MALFORMED_BODY);
		assertRejected(() -> this.codec.readEnvelope(xml.getBytes(StandardCharsets.UTF_8), PushFormat.XML),
				Reason.MALFORMED_BODY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "{\"a\":", "{\"a\":1", "{\"a\":1}}", "[1,2]", "\"str\"", "{\"a\":1} {\"b\":2}",
			"{a:1}", "{\"CreateTime\":\"soon\"}", "{\"CreateTime\":1.5}", "", "  ", "{\"a\":tru}", "{'a':1}",
			"{\"a\":\"unterminated}" })
	void refusesMalformedJson(String json) {
		assertRejected(() -> this.codec.decode(json, PushFormat.JSON), Reason.MALFORMED_BODY);
		assertRejected(() -> this.codec.readEnvelope(json.getBytes(StandardCharsets.UTF_8), PushFormat.JSON),
				Reason.MALFORMED_BODY);
	}

	@Test
	void rejectionMessagesNeverQuoteTheBody() {
		String secret = "my-phone-13800138000";

		for (String body : new String[] { "{\"Content\":\"" + secret + "\" oops}",
				"<xml><Content>" + secret + "</Cont></xml>", "<xml><Content>&" + secret + ";</Content></xml>" }) {
			PushFormat format = body.startsWith("{") ? PushFormat.JSON : PushFormat.XML;
			assertThatThrownBy(() -> this.codec.decode(body, format)).hasMessageNotContaining(secret);
			assertThatThrownBy(() -> this.codec.readEnvelope(body.getBytes(StandardCharsets.UTF_8), format))
				.hasMessageNotContaining(secret);
		}
	}

	@Test
	void refusesAbsurdNestingWithoutBlowingTheStack() {
		String json = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
		String xml = "<xml><a>" + "<b>".repeat(100_000) + "</b>".repeat(100_000) + "</a></xml>";

		assertRejected(() -> this.codec.decode(json, PushFormat.JSON), Reason.MALFORMED_BODY);
		assertRejected(() -> this.codec.decode(xml, PushFormat.XML), Reason.MALFORMED_BODY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "messages/text.xml", "messages/miniprogrampage.xml", "messages/safe.xml",
			"messages/text.json", "messages/miniprogrampage.json", "official/safe-push.json" })
	void refusesEveryTruncationOfABody(String sample) {
		byte[] body = Samples.text(sample).strip().getBytes(StandardCharsets.UTF_8);
		PushFormat format = format(sample);

		for (int length = 0; length < body.length; length++) {
			byte[] truncated = Arrays.copyOf(body, length);
			assertRejected(() -> this.codec.readEnvelope(truncated, format), Reason.MALFORMED_BODY);
		}
	}

	private static PushFormat format(String sample) {
		return sample.endsWith(".json") ? PushFormat.JSON : PushFormat.XML;
	}

}
