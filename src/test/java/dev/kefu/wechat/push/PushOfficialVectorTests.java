package dev.kefu.wechat.push;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official test vector of the mini program message-push guide, reproduced exactly:
 * URL verification, plaintext POST, safe-mode POST and the encrypted reply.
 */
class PushOfficialVectorTests {

	private final Properties vector = Samples.properties("official/vector.properties");

	private final String token = this.vector.getProperty("token");

	private final PushCipher cipher = new PushCipher(this.vector.getProperty("appId"),
			this.vector.getProperty("encodingAesKey"), null);

	private final PushCodec codec = new PushCodec();

	@Test
	void reproducesGetSignature() throws Exception {
		assertThat(PushSignature.sign(this.token, get("timestamp"), get("nonce"))).isEqualTo(get("signature"));
		PushSignature.checkSignature(get("signature"), this.token, get("timestamp"), get("nonce"));
	}

	@Test
	void reproducesPlaintextPostSignatureAndReadsItsBody() throws Exception {
		assertThat(PushSignature.sign(this.token, plain("timestamp"), plain("nonce"))).isEqualTo(plain("signature"));

		byte[] body = Samples.bytes("official/plain-push.json");
		PushEnvelope envelope = this.codec.readEnvelope(body, PushFormat.sniff(body));

		assertThat(envelope.encrypt()).isNull();
		assertThat(envelope.plaintext()).isEqualTo(new PushMessage("gh_97417a04a28d", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY",
				1714037059, "event", null, "debug_demo", null, null, null, null, null, null, null, null, null,
				Map.of("debug_str", "hello world")));
	}

	@Test
	void reproducesSafeModeSignatures() throws Exception {
		byte[] body = Samples.bytes("official/safe-push.json");
		PushEnvelope envelope = this.codec.readEnvelope(body, PushFormat.sniff(body));

		assertThat(PushSignature.sign(this.token, safe("timestamp"), safe("nonce"))).isEqualTo(safe("signature"));
		assertThat(PushSignature.sign(this.token, safe("timestamp"), safe("nonce"), envelope.encrypt()))
			.isEqualTo(safe("msgSignature"));
		PushSignature.checkMsgSignature(safe("msgSignature"), this.token, safe("timestamp"), safe("nonce"),
				envelope.encrypt());
	}

	@Test
	void decryptsSafeModePushToTheExactPlaintext() throws Exception {
		byte[] body = Samples.bytes("official/safe-push.json");
		PushEnvelope envelope = this.codec.readEnvelope(body, PushFormat.JSON);

		PushCipher.Decrypted decrypted = this.cipher.decrypt(envelope.encrypt());

		assertThat(envelope.toUserName()).isEqualTo("gh_97417a04a28d");
		assertThat(envelope.plaintext()).isNull();
		assertThat(decrypted.plaintext()).isEqualTo(safe("plaintext"));
		assertThat(decrypted.withPreviousKey()).isFalse();
		PushMessage message = this.codec.decode(decrypted.plaintext(), PushFormat.JSON);
		assertThat(message.fromUserName()).isEqualTo(safe("openid"));
		assertThat(message.createTime()).isEqualTo(1714112445L);
		assertThat(message.event()).isEqualTo("debug_demo");
	}

	@Test
	void reproducesEncryptedReplyByteForByte() {
		String reply = this.codec.encryptedReply(PushFormat.JSON, this.cipher, this.token, reply("plaintext"),
				Long.parseLong(reply("timestamp")), reply("nonce"), new FixedPrefixRandom(reply("random")));

		assertThat(reply).isEqualTo(Samples.text("official/reply.json"));
	}

	@Test
	void decryptsAndVerifiesTheOfficialReply() throws Exception {
		PushEnvelope reply = this.codec.readEnvelope(Samples.bytes("official/reply.json"), PushFormat.JSON);

		assertThat(reply.encrypt()).isEqualTo(reply("encrypt"));
		assertThat(reply.plaintext().otherFields()).containsEntry("MsgSignature", reply("msgSignature"))
			.containsEntry("TimeStamp", reply("timestamp"))
			.containsEntry("Nonce", reply("nonce"));
		assertThat(PushSignature.sign(this.token, reply("timestamp"), reply("nonce"), reply.encrypt()))
			.isEqualTo(reply("msgSignature"));
		assertThat(this.cipher.decrypt(reply.encrypt()).plaintext()).isEqualTo(reply("plaintext"));
		byte[] opened = new RawAes(this.vector.getProperty("encodingAesKey")).decrypt(reply.encrypt());
		assertThat(opened).hasSize(64).endsWith(1);
		assertThat(new String(opened, 0, 16)).isEqualTo(reply("random"));
	}

	private String get(String name) {
		return this.vector.getProperty("get." + name);
	}

	private String plain(String name) {
		return this.vector.getProperty("plain." + name);
	}

	private String safe(String name) {
		return this.vector.getProperty("safe." + name);
	}

	private String reply(String name) {
		return this.vector.getProperty("reply." + name);
	}

}
