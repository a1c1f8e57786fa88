package dev.kefu.emulator;

import java.io.IOException;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.kefu.wechat.push.PushCipher;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pushing side over real sockets, against a stub server that checks every push as a
 * receiver must: signatures, encryption per mode and format, retries, and how the answer
 * is judged and shown in the chat.
 */
class EmulatorPushIntegrationTests extends EmulatorIntegrationTestSupport {

	private CallbackStub stub;

	@AfterEach
	void stopStub() {
		if (this.stub != null) {
			this.stub.close();
		}
	}

	private String app(String mode, String format) throws IOException {
		String appId = newAppId();
		this.stub = new CallbackStub(appId);
		return plantApp(appId, this.stub.url(), mode, format);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "PLAINTEXT, XML", "PLAINTEXT, JSON", "COMPATIBLE, XML", "COMPATIBLE, JSON", "SAFE, XML",
			"SAFE, JSON" })
	void pushesSignedAndEncryptedAsTheModeAndFormatSay(String mode, String format) throws IOException {
		String appId = app(mode, format);
		JsonNode outcome = push(appId, "alice", "text", "你好 <a>&\"1\"");
		assertThat(outcome.get("status").stringValue()).isEqualTo("ACKNOWLEDGED");
		CallbackStub.Received push = this.stub.last();
		assertThat(push.signatureOk()).isTrue();
		assertThat(push.query()).containsEntry("openid", openId(appId, "alice"));
		assertThat(push.contentType()).startsWith(format.equals("XML") ? "text/xml" : "application/json");
		assertThat(push.body()).startsWith(format.equals("XML") ? "<xml>" : "{");
		assertThat(push.message().content()).isEqualTo("你好 <a>&\"1\"");
		assertThat(push.message().fromUserName()).isEqualTo(openId(appId, "alice"));
		assertThat(push.message().msgType()).isEqualTo("text");
		assertThat(push.message().msgId()).hasSize(19);
		switch (mode) {
			case "PLAINTEXT" -> {
				assertThat(push.query()).doesNotContainKeys("encrypt_type", "msg_signature");
				assertThat(push.envelope().encrypted()).isFalse();
			}
			case "COMPATIBLE" -> {
				assertThat(push.query()).containsEntry("encrypt_type", "aes");
				assertThat(push.msgSignatureOk()).isTrue();
				assertThat(push.envelope().plaintext().content()).isEqualTo("你好 <a>&\"1\"");
			}
			default -> {
				assertThat(push.query()).containsEntry("encrypt_type", "aes");
				assertThat(push.msgSignatureOk()).isTrue();
				assertThat(push.envelope().plaintext()).isNull();
				assertThat(push.body()).doesNotContain("你好");
			}
		}
	}

	@Test
	void pushesAnEnteringUserWithTheSessionFromAndNoMsgId() throws IOException {
		String appId = app("SAFE", "XML");
		push(appId, "bob", "enter", "home-banner");
		PushMessage message = this.stub.last().message();
		assertThat(message.event()).isEqualTo("user_enter_tempsession");
		assertThat(message.sessionFrom()).isEqualTo("home-banner");
		assertThat(message.msgId()).isNull();
	}

	@Test
	void pushesAnImageTheAppCanFetchWithItsMediaId() throws IOException {
		String appId = app("SAFE", "JSON");
		push(appId, "carol", "image", null);
		PushMessage message = this.stub.last().message();
		assertThat(message.picUrl()).endsWith("/emulator/media/" + message.mediaId());
		byte[] image = this.http.get()
			.uri("/emulator/api/cgi-bin/media/get?access_token=" + accessToken(appId) + "&media_id="
					+ message.mediaId())
			.retrieve()
			.body(byte[].class);
		assertThat(image).isEqualTo(SampleImage.PNG);
	}

	@Test
	void pushesAMiniProgramCardOfTheAppItself() throws IOException {
		String appId = app("COMPATIBLE", "XML");
		push(appId, "card", "miniprogrampage", "活动页");
		PushMessage message = this.stub.last().message();
		assertThat(message.msgType()).isEqualTo("miniprogrampage");
		assertThat(message.title()).isEqualTo("活动页");
		assertThat(message.appId()).isEqualTo(appId);
		assertThat(message.pagePath()).isEqualTo("pages/index/index");
		assertThat(message.thumbUrl()).endsWith("/emulator/media/" + message.thumbMediaId());
	}

	@Test
	void triesThreeTimesWhenTheCallbackDoesNotAnswerAndShowsTheFailure() throws IOException {
		String appId = app("PLAINTEXT", "XML");
		this.stub.answer((received) -> new CallbackStub.Answer(0, ""));
		JsonNode outcome = push(appId, "dave", "text", "hi");
		assertThat(outcome.get("status").stringValue()).isEqualTo("FAILED");
		assertThat(outcome.get("attempts").intValue()).isEqualTo(3);
		assertThat(this.stub.received()).hasSize(3);
		assertThat(kinds(chat(appId, "dave"))).containsExactly("user-text", "service-failed");
	}

	@Test
	void showsAServerErrorAsAFailingService() throws IOException {
		String appId = app("SAFE", "JSON");
		this.stub.answer((received) -> new CallbackStub.Answer(500, "oops"));
		JsonNode outcome = push(appId, "erin", "text", "hi");
		assertThat(outcome.get("status").stringValue()).isEqualTo("FAILED");
		assertThat(outcome.get("httpStatus").intValue()).isEqualTo(500);
		assertThat(outcome.get("attempts").intValue()).isEqualTo(1);
		assertThat(kinds(chat(appId, "erin"))).containsExactly("user-text", "service-failed");
	}

	@Test
	void showsAPlaintextTransferAsAHandOver() throws IOException {
		String appId = app("PLAINTEXT", "XML");
		this.stub.answer((received) -> new CallbackStub.Answer(200, new PushCodec().transferReply(PushFormat.XML,
				received.message().fromUserName(), received.message().toUserName(), 1714112445)));
		assertThat(push(appId, "frank", "text", "人工").get("status").stringValue()).isEqualTo("TRANSFERRED");
		assertThat(kinds(chat(appId, "frank"))).containsExactly("user-text", "transferred");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "XML", "JSON" })
	void acceptsAnEncryptedSignedTransferInSafeMode(String format) throws IOException {
		String appId = app("SAFE", format);
		PushFormat pushFormat = PushFormat.valueOf(format);
		this.stub.answer((received) -> {
			PushCodec codec = new PushCodec();
			String transfer = codec.transferReply(pushFormat, received.message().fromUserName(),
					received.message().toUserName(), 1714112445);
			return new CallbackStub.Answer(200,
					codec.encryptedReply(pushFormat, new PushCipher(appId, CallbackStub.AES_KEY, null),
							CallbackStub.TOKEN, transfer, 1714112446, received.query().get("nonce"),
							new java.util.Random(1)));
		});
		assertThat(push(appId, "grace", "text", "人工").get("status").stringValue()).isEqualTo("TRANSFERRED");
	}

	@Test
	void refusesAPlaintextTransferInSafeMode() throws IOException {
		String appId = app("SAFE", "XML");
		this.stub.answer((received) -> new CallbackStub.Answer(200, new PushCodec().transferReply(PushFormat.XML,
				received.message().fromUserName(), received.message().toUserName(), 1714112445)));
		JsonNode outcome = push(appId, "heidi", "text", "人工");
		assertThat(outcome.get("status").stringValue()).isEqualTo("FAILED");
		assertThat(outcome.get("detail").stringValue()).contains("must be encrypted");
	}

	@Test
	void ignoresAPassiveTextReplyAsWeChatDoes() throws IOException {
		String appId = app("PLAINTEXT", "JSON");
		this.stub.answer((received) -> new CallbackStub.Answer(200,
				"{\"ToUserName\":\"x\",\"FromUserName\":\"y\",\"CreateTime\":1,\"MsgType\":\"text\",\"Content\":\"hi\"}"));
		assertThat(push(appId, "ivan", "text", "hi").get("status").stringValue()).isEqualTo("IGNORED");
		assertThat(kinds(chat(appId, "ivan"))).containsExactly("user-text");
	}

	@Test
	void verifiesTheUrlAsWeChatsConsoleDoes() throws IOException {
		String appId = app("SAFE", "JSON");
		this.stub.answer((received) -> new CallbackStub.Answer(200,
				received.signatureOk() ? received.query().get("echostr") : "bad"));
		JsonNode verification = postJson("/emulator/apps/" + appId + "/verify", java.util.Map.of());
		assertThat(verification.get("ok").booleanValue()).isTrue();
		assertThat(this.stub.last().method()).isEqualTo("GET");
		this.stub.answer((received) -> new CallbackStub.Answer(200, "\"" + received.query().get("echostr") + "\""));
		verification = postJson("/emulator/apps/" + appId + "/verify", java.util.Map.of());
		assertThat(verification.get("ok").booleanValue()).isFalse();
		assertThat(verification.get("console").stringValue()).startsWith("Token验证失败");
	}

	private static java.util.List<String> kinds(JsonNode chat) {
		java.util.List<String> kinds = new java.util.ArrayList<>();
		chat.forEach((entry) -> kinds.add(entry.get("kind").stringValue()));
		return kinds;
	}

}
