package dev.kefu.wechat.push;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PushCodecTests {

	private final PushCodec codec = new PushCodec();

	static Stream<Arguments> samples() {
		PushMessage text = PushMessage.text("toUser", "fromUser", 1482048670, "1234567890123456", "this is a test");
		PushMessage image = PushMessage.image("toUser", "fromUser", 1482048670, "1234567890123456", "this is a url",
				"media_id");
		PushMessage enter = PushMessage.userEnterTempSession("toUser", "fromUser", 1482048670, "sessionFrom");
		return Stream.of(Arguments.of("text.xml", text), Arguments.of("text.json", text),
				Arguments.of("image.xml", image), Arguments.of("image.json", image),
				Arguments.of("miniprogrampage.xml",
						PushMessage.miniProgramPage("toUser", "fromUser", 1482048670, "1234567890123456", "Title",
								"AppId", "PagePath", "ThumbUrl", "ThumbMediaId")),
				Arguments.of("miniprogrampage.json",
						PushMessage.miniProgramPage("toUser", "fromUser", 1482048670, "1234567890123456", "title",
								"appid", "path", "", "")),
				Arguments.of("user_enter_tempsession.xml", enter), Arguments.of("user_enter_tempsession.json", enter));
	}

	@ParameterizedTest
	@MethodSource("samples")
	void decodesEveryDocumentedMessageType(String sample, PushMessage expected) throws Exception {
		assertThat(this.codec.decode(Samples.text("messages/" + sample), format(sample))).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("samples")
	void readsEveryDocumentedMessageTypeAsAPlaintextBody(String sample, PushMessage expected) throws Exception {
		byte[] body = Samples.bytes("messages/" + sample);

		PushEnvelope envelope = this.codec.readEnvelope(body, PushFormat.sniff(body));

		assertThat(envelope).isEqualTo(new PushEnvelope("toUser", null, expected));
	}

	@ParameterizedTest
	@MethodSource("samples")
	void encodesEveryTypeAsWechatSendsIt(String sample, PushMessage message) {
		String expected = Samples.text("messages/" + sample).strip();

		String encoded = this.codec.encode(message, format(sample));

		if (format(sample) == PushFormat.JSON) {
			assertThat(encoded).isEqualTo(expected);
		}
		else {
			assertThat(encoded.replaceAll(">\\s+<", "><")).isEqualTo(expected.replaceAll(">\\s+<", "><"));
		}
	}

	@ParameterizedTest
	@MethodSource("samples")
	void roundTripsEveryTypeThroughTheOtherFormat(String sample, PushMessage message) throws Exception {
		PushFormat other = (format(sample) == PushFormat.XML) ? PushFormat.JSON : PushFormat.XML;

		assertThat(this.codec.decode(this.codec.encode(message, other), other)).isEqualTo(message);
	}

	@Test
	void writesTextInCdataAndNumbersBareInXml() {
		String xml = this.codec.encode(
				PushMessage.text("gh_1", "o1", 1714112445, "6054768590064713728", "a < b & \"c\" ]]> d"),
				PushFormat.XML);

		assertThat(xml).startsWith("<xml>\n<ToUserName><![CDATA[gh_1]]></ToUserName>\n")
			.contains("<CreateTime>1714112445</CreateTime>")
			.contains("<MsgId>6054768590064713728</MsgId>")
			.contains("<Content><![CDATA[a < b & \"c\" ]]]]><![CDATA[> d]]></Content>")
			.endsWith("</xml>");
	}

	@ParameterizedTest
	@EnumSource(PushFormat.class)
	void roundTripsAwkwardText(PushFormat format) throws Exception {
		PushMessage message = PushMessage.text("gh_1", "o1", 1714112445, "1",
				"  leading and trailing  \n\t\"quotes\" \\ back ]]> cdata end <tag> &amp; 你好 😀👍🏽 \u2028 ");

		assertThat(this.codec.decode(this.codec.encode(message, format), format)).isEqualTo(message);
	}

	@Test
	void writesJsonWithoutEscapingNonAsciiOrSlashes() {
		String json = this.codec.encode(PushMessage.image("gh_1", "o1", 1, "2", "https://x/y.jpg", "m"),
				PushFormat.JSON);
		String chinese = this.codec.encode(PushMessage.text("gh_1", "o1", 1, "2", "你好"), PushFormat.JSON);

		assertThat(json).contains("\"PicUrl\":\"https://x/y.jpg\"");
		assertThat(chinese).contains("\"Content\":\"你好\"").doesNotContain("\\u");
	}

	@ParameterizedTest
	@ValueSource(strings = { "6054768590064713728", "18446744073709551615123",
			"49d72d67b16d115e7935ac386f2f0fa41535298877_1555684067" })
	void keepsMsgIdAsTheExactText(String msgId) throws Exception {
		String numberOrString = msgId.matches("[0-9]+") ? msgId : '"' + msgId + '"';
		String json = "{\"ToUserName\":\"gh_1\",\"MsgType\":\"text\",\"MsgId\":" + numberOrString + "}";

		PushMessage message = this.codec.decode(json, PushFormat.JSON);

		assertThat(message.msgId()).isEqualTo(msgId);
		assertThat(this.codec.encode(message, PushFormat.JSON)).contains("\"MsgId\":" + numberOrString);
		assertThat(this.codec.decode(this.codec.encode(message, PushFormat.XML), PushFormat.XML).msgId())
			.isEqualTo(msgId);
	}

	@Test
	void keepsUnknownTypesAndFieldsInXml() throws Exception {
		PushMessage message = this.codec.decode(Samples.text("messages/unknown.xml"), PushFormat.XML);

		assertThat(message.msgType()).isEqualTo("event");
		assertThat(message.event()).isEqualTo("subscribe_msg_popup_event");
		assertThat(message.otherFields()).containsExactly(Map.entry("SubscribeMsgPopupEvent",
				"<List><TemplateId>tmpl-1</TemplateId><SubscribeStatusString>accept</SubscribeStatusString>"
						+ "<PopupScene>0</PopupScene></List>"),
				Map.entry("Extra", "kept"));
	}

	@Test
	void keepsUnknownTypesAndFieldsInJson() throws Exception {
		PushMessage message = this.codec.decode(Samples.text("messages/unknown.json"), PushFormat.JSON);

		assertThat(message.event()).isEqualTo("subscribe_msg_popup_event");
		assertThat(message.otherFields()).containsExactly(
				Map.entry("List",
						"[{\"TemplateId\":\"tmpl-1\",\"SubscribeStatusString\":\"accept\",\"PopupScene\":\"0\"}]"),
				Map.entry("Extra", "kept"), Map.entry("Score", "12.50"), Map.entry("Flag", "true"));
	}

	@Test
	void decodesAnUnknownMessageTypeLikeAnyOther() throws Exception {
		PushMessage message = this.codec.decode(
				"<xml><ToUserName>gh_1</ToUserName><MsgType>voice</MsgType><Format>amr</Format><MsgId>7</MsgId></xml>",
				PushFormat.XML);

		assertThat(message.msgType()).isEqualTo("voice");
		assertThat(message.msgId()).isEqualTo("7");
		assertThat(message.otherFields()).containsExactly(Map.entry("Format", "amr"));
	}

	@Test
	void toleratesWhitespaceCommentsAndDeclarations() throws Exception {
		String xml = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- push -->\n<xml>\n\t<ToUserName>toUser</ToUserName>\n"
				+ "  <CreateTime>\n 1482048670 \n</CreateTime><MsgType><![CDATA[te]]>xt</MsgType>\n"
				+ "<Content><!-- c --><![CDATA[ kept  ]]></Content><MsgId> 1 </MsgId>\n</xml>\n\n";
		String json = "\n\t{ \"ToUserName\" : \"toUser\" ,\n \"CreateTime\" : \"1482048670\",\r\n\"MsgType\":\"text\","
				+ " \"Content\" : \" kept  \", \"MsgId\":\t1 }\n ";
		PushMessage expected = PushMessage.text("toUser", null, 1482048670, "1", " kept  ");

		assertThat(this.codec.readEnvelope(xml.getBytes(StandardCharsets.UTF_8), PushFormat.XML).plaintext())
			.isEqualTo(expected);
		assertThat(this.codec.decode(xml.substring(1), PushFormat.XML)).isEqualTo(expected);
		assertThat(this.codec.decode(json, PushFormat.JSON)).isEqualTo(expected);
	}

	@Test
	void treatsEmptyElementsAsEmptyAndJsonNullAsAbsent() throws Exception {
		PushMessage xml = this.codec.decode("<xml><ThumbUrl></ThumbUrl><Title/></xml>", PushFormat.XML);
		PushMessage json = this.codec.decode("{\"ThumbUrl\":\"\",\"Title\":null}", PushFormat.JSON);

		assertThat(xml.thumbUrl()).isEmpty();
		assertThat(xml.title()).isEmpty();
		assertThat(json.thumbUrl()).isEmpty();
		assertThat(json.title()).isNull();
	}

	@Test
	void readsSafeModeEnvelopesInBothFormats() throws Exception {
		PushEnvelope xml = this.codec.readEnvelope(Samples.bytes("messages/safe.xml"), PushFormat.XML);
		PushEnvelope json = this.codec.readEnvelope(Samples.bytes("official/safe-push.json"), PushFormat.JSON);

		assertThat(xml).isEqualTo(json);
		assertThat(xml.toUserName()).isEqualTo("gh_97417a04a28d");
		assertThat(xml.encrypt()).startsWith("+qdx1OKCy+5JPCBF").endsWith("PAJGj04=");
		assertThat(xml.plaintext()).isNull();
	}

	@Test
	void readsCompatibleModeEnvelopeWithBothCopies() throws Exception {
		PushEnvelope envelope = this.codec.readEnvelope(Samples.bytes("messages/compatible.xml"), PushFormat.XML);

		assertThat(envelope.encrypt()).startsWith("hyzAe4OzmOMbd6TvGdIOO6uB");
		assertThat(envelope.plaintext()).isEqualTo(PushMessage.text("gh_10f6c3c3ac5a", "oyORnuP8q7ou2gfYjqLzSIWZf0rs",
				1409735668, "6054768590064713728", "abcdteT"));
	}

	@ParameterizedTest
	@EnumSource(PushFormat.class)
	void writesEnvelopesForEachMode(PushFormat format) throws Exception {
		PushMessage message = PushMessage.text("gh_1", "o1", 1714112445, "42", "hi");
		PushEnvelope safe = new PushEnvelope("gh_1", "QUJD+/==", null);
		PushEnvelope compatible = new PushEnvelope("gh_1", "QUJD+/==", message);
		PushEnvelope plaintext = new PushEnvelope("gh_1", null, message);

		for (PushEnvelope envelope : new PushEnvelope[] { safe, compatible, plaintext }) {
			byte[] body = this.codec.encode(envelope, format).getBytes(StandardCharsets.UTF_8);
			assertThat(this.codec.readEnvelope(body, PushFormat.sniff(body))).isEqualTo(envelope);
		}
		assertThat(this.codec.encode(safe, PushFormat.JSON))
			.isEqualTo("{\"ToUserName\":\"gh_1\",\"Encrypt\":\"QUJD+/==\"}");
	}

	@Test
	void keepsEncryptAsAnOrdinaryFieldInsideADecryptedMessage() throws Exception {
		PushMessage message = this.codec.decode("{\"MsgType\":\"text\",\"Encrypt\":\"x\"}", PushFormat.JSON);

		assertThat(message.otherFields()).containsExactly(Map.entry("Encrypt", "x"));
	}

	@Test
	void writesTheTransferReplyInBothFormats() {
		assertThat(this.codec.transferReply(PushFormat.XML, "o9AgO5Kd5ggOC", "gh_97417a04a28d", 1399197672))
			.isEqualTo("<xml>\n<ToUserName><![CDATA[o9AgO5Kd5ggOC]]></ToUserName>\n"
					+ "<FromUserName><![CDATA[gh_97417a04a28d]]></FromUserName>\n"
					+ "<CreateTime>1399197672</CreateTime>\n"
					+ "<MsgType><![CDATA[transfer_customer_service]]></MsgType>\n</xml>");
		assertThat(this.codec.transferReply(PushFormat.JSON, "o9AgO5Kd5ggOC", "gh_97417a04a28d", 1399197672))
			.isEqualTo("{\"ToUserName\":\"o9AgO5Kd5ggOC\",\"FromUserName\":\"gh_97417a04a28d\","
					+ "\"CreateTime\":1399197672,\"MsgType\":\"transfer_customer_service\"}");
	}

	@Test
	void writesTheEncryptedReplyEnvelopeInXml() throws Exception {
		PushCipher cipher = new PushCipher("wxba5fad812f8e6fb9", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null);

		String reply = this.codec.encryptedReply(PushFormat.XML, cipher, "AAAAA", "{\"demo_resp\":\"good luck\"}",
				1713424427, "415670741", new FixedPrefixRandom("707722b803182950"));

		assertThat(reply).isEqualTo("<xml>\n"
				+ "<Encrypt><![CDATA[ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==]]></Encrypt>\n"
				+ "<MsgSignature><![CDATA[1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1]]></MsgSignature>\n"
				+ "<TimeStamp>1713424427</TimeStamp>\n" + "<Nonce><![CDATA[415670741]]></Nonce>\n" + "</xml>");
	}

	@ParameterizedTest
	@EnumSource(PushFormat.class)
	void encryptsTheTransferReplyThatTheAppCanOpen(PushFormat format) throws Exception {
		PushCipher cipher = new PushCipher("wx5823bf96d3bd56c7", "aniviTLvURfcbe3POomrP8lGqMHInmLXa33SyNViLSY", null);
		String transfer = this.codec.transferReply(format, "o1", "gh_1", 1714112445);

		String reply = this.codec.encryptedReply(format, cipher, "tok3n", transfer, 1714112446, "99",
				new SplittableRandom(1));
		PushEnvelope envelope = this.codec.readEnvelope(reply.getBytes(StandardCharsets.UTF_8), format);

		Map<String, String> fields = envelope.plaintext().otherFields();
		PushSignature.checkMsgSignature(fields.get("MsgSignature"), "tok3n", fields.get("TimeStamp"),
				fields.get("Nonce"), envelope.encrypt());
		assertThat(fields.get("TimeStamp")).isEqualTo("1714112446");
		assertThat(cipher.decrypt(envelope.encrypt()).plaintext()).isEqualTo(transfer);
		assertThat(this.codec.decode(transfer, format).msgType()).isEqualTo("transfer_customer_service");
	}

	@ParameterizedTest
	@ValueSource(strings = { "success", "" })
	void leavesSuccessAndEmptyRepliesUnencrypted(String reply) {
		PushCipher cipher = new PushCipher("wx5823bf96d3bd56c7", "aniviTLvURfcbe3POomrP8lGqMHInmLXa33SyNViLSY", null);

		assertThat(this.codec.encryptedReply(PushFormat.JSON, cipher, "tok3n", reply, 1, "2", new SplittableRandom(1)))
			.isEqualTo(reply);
	}

	private static PushFormat format(String sample) {
		return sample.endsWith(".json") ? PushFormat.JSON : PushFormat.XML;
	}

}
