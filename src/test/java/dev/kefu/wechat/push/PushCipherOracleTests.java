package dev.kefu.wechat.push;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WxJava, the field's incumbent SDK, as an independent oracle: what kefu encrypts WxJava
 * decrypts and what WxJava encrypts kefu decrypts, for many seeded random messages
 * (random lengths around the block boundaries, ASCII, CJK, emoji and markup characters)
 * in both data formats.
 */
class PushCipherOracleTests {

	private static final int MESSAGES = 300;

	private static final String TOKEN = "kefuToken2024";

	private static final String KEY = "aniviTLvURfcbe3POomrP8lGqMHInmLXa33SyNViLSY";

	private static final String APP_ID = "wx5823bf96d3bd56c7";

	private final PushCipher cipher = new PushCipher(APP_ID, KEY, null);

	private final WxCryptUtil wxJava = new WxCryptUtil(TOKEN, KEY, APP_ID);

	private final PushCodec codec = new PushCodec();

	@Test
	void wxJavaDecryptsWhatKefuEncrypts() {
		SplittableRandom random = new SplittableRandom(1);
		for (int i = 0; i < MESSAGES; i++) {
			String plaintext = randomText(random, true);

			String encrypt = this.cipher.encrypt(plaintext, random);

			assertThat(this.wxJava.decrypt(encrypt)).as("message %d", i).isEqualTo(plaintext);
		}
	}

	@Test
	void kefuDecryptsWhatWxJavaEncrypts() throws Exception {
		SplittableRandom random = new SplittableRandom(2);
		for (int i = 0; i < MESSAGES; i++) {
			String plaintext = randomText(random, true);

			String encrypt = this.wxJava.encrypt(randomPrefix(random), plaintext);

			assertThat(this.cipher.decrypt(encrypt).plaintext()).as("message %d", i).isEqualTo(plaintext);
		}
	}

	@ParameterizedTest
	@EnumSource(PushFormat.class)
	void wxJavaOpensKefuReplyEnvelopes(PushFormat format) throws Exception {
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < MESSAGES / 3; i++) {
			String plaintext = this.codec.encode(randomMessage(random), format);
			long timestamp = 1714112445L + i;
			String nonce = Long.toString(random.nextLong(1, Long.MAX_VALUE));

			String reply = this.codec.encryptedReply(format, this.cipher, TOKEN, plaintext, timestamp, nonce, random);
			PushEnvelope envelope = this.codec.readEnvelope(reply.getBytes(StandardCharsets.UTF_8), format);
			String signature = envelope.plaintext().otherFields().get("MsgSignature");

			assertThat(signature).isEqualTo(SHA1.gen(TOKEN, Long.toString(timestamp), nonce, envelope.encrypt()));
			String opened = (format == PushFormat.XML)
					? this.wxJava.decryptXml(signature, Long.toString(timestamp), nonce, reply)
					: this.wxJava.decryptContent(signature, Long.toString(timestamp), nonce, envelope.encrypt());
			assertThat(opened).as("reply %d", i).isEqualTo(plaintext);
		}
	}

	@Test
	void kefuOpensWxJavaReplyEnvelopes() throws Exception {
		SplittableRandom random = new SplittableRandom(4);
		for (int i = 0; i < MESSAGES / 3; i++) {
			String plaintext = this.codec.encode(randomMessage(random), PushFormat.XML);

			String reply = this.wxJava.encrypt(plaintext);
			PushEnvelope envelope = this.codec.readEnvelope(reply.getBytes(StandardCharsets.UTF_8), PushFormat.XML);
			var fields = envelope.plaintext().otherFields();

			PushSignature.checkMsgSignature(fields.get("MsgSignature"), TOKEN, fields.get("TimeStamp"),
					fields.get("Nonce"), envelope.encrypt());
			assertThat(this.cipher.decrypt(envelope.encrypt()).plaintext()).as("reply %d", i).isEqualTo(plaintext);
		}
	}

	@ParameterizedTest
	@EnumSource(PushFormat.class)
	void wxJavaReadsSafeModePushesKefuWrites(PushFormat format) {
		WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();
		config.setToken(TOKEN);
		config.setAesKey(KEY);
		config.setAppid(APP_ID);
		SplittableRandom random = new SplittableRandom(5);
		for (int i = 0; i < MESSAGES / 3; i++) {
			PushMessage message = randomMessage(random);
			String encrypt = this.cipher.encrypt(this.codec.encode(message, format), random);
			String body = this.codec.encode(new PushEnvelope("gh_97417a04a28d", encrypt, null), format);
			String timestamp = Long.toString(1714112445L + i);
			String nonce = Integer.toString(random.nextInt(1, Integer.MAX_VALUE));

			WxMaMessage read = (format == PushFormat.XML)
					? WxMaMessage.fromEncryptedXml(body, config, timestamp, nonce,
							PushSignature.sign(TOKEN, timestamp, nonce, encrypt))
					: WxMaMessage.fromEncryptedJson(body, config);

			assertThat(read.getContent()).as("push %d", i).isEqualTo(message.content());
			assertThat(read.getFromUser()).isEqualTo(message.fromUserName());
			assertThat(read.getToUser()).isEqualTo(message.toUserName());
			assertThat(read.getMsgType()).isEqualTo("text");
			assertThat(read.getMsgId()).isEqualTo(Long.parseLong(message.msgId()));
			assertThat(read.getCreateTime().longValue()).isEqualTo(message.createTime());
		}
	}

	private static PushMessage randomMessage(SplittableRandom random) {
		return PushMessage.text("gh_97417a04a28d", "o9AgO5Kd5ggOC-" + random.nextInt(1_000_000),
				random.nextLong(1_400_000_000L, 2_000_000_000L), Long.toString(random.nextLong(1, Long.MAX_VALUE)),
				randomText(random, false));
	}

	/**
	 * Random lengths, most around the 32-byte block boundaries, some long; characters
	 * from ASCII (markup included), CJK, emoji (surrogate pairs) and other scripts. Only
	 * raw ciphertext tests get carriage returns and control characters, which XML would
	 * normalise or refuse.
	 */
	static String randomText(SplittableRandom random, boolean anyCharacter) {
		int length = (random.nextInt(4) == 0) ? random.nextInt(3000) : random.nextInt(100);
		StringBuilder text = new StringBuilder(length * 2);
		while (text.length() < length) {
			switch (random.nextInt(8)) {
				case 0, 1, 2 -> text.append((char) random.nextInt(0x20, 0x7F));
				case 3 -> text.append("<&>\"']]>{}\\/".charAt(random.nextInt(12)));
				case 4 -> text.append((char) random.nextInt(0x4E00, 0xA000));
				case 5 -> text.appendCodePoint(random.nextInt(0x1F300, 0x1FAFF));
				case 6 -> text.append((char) random.nextInt(0xA0, 0x530));
				default ->
					text.append(anyCharacter ? (char) random.nextInt(0, 0x20) : "\n\t ".charAt(random.nextInt(3)));
			}
		}
		return text.toString();
	}

	private static String randomPrefix(SplittableRandom random) {
		StringBuilder prefix = new StringBuilder(16);
		for (int i = 0; i < 16; i++) {
			prefix.append((char) PushCipher.ALPHANUMERIC[random.nextInt(PushCipher.ALPHANUMERIC.length)]);
		}
		return prefix.toString();
	}

}
