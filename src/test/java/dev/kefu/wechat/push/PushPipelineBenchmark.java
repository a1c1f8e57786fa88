package dev.kefu.wechat.push;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The receiving pipeline of a typical safe-mode text push — check {@code msg_signature},
 * decrypt, parse — in kefu and, side by side, in WxJava
 * ({@code WxMaMessage.fromEncryptedJson} and {@code fromEncryptedXml} with a
 * {@code WxMaDefaultConfigImpl} holding the same token, key and app id).
 * <p>
 * kefu starts from the raw body bytes (what the endpoint receives) and also sniffs the
 * format. WxJava is handed the body as a {@code String}, as its API takes it.
 * {@code fromEncryptedJson} does not check {@code msg_signature}, so its benchmark adds
 * WxJava's own {@code SHA1.gen} check over the (already known) {@code Encrypt}; its
 * {@code fromEncryptedXml} checks the signature itself.
 * <p>
 * Run: {@code bench/jmh PushPipeline -f 1 -wi 5 -w 2s -i 5 -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PushPipelineBenchmark {

	private static final String TOKEN = "kefuToken2024";

	private static final String KEY = "aniviTLvURfcbe3POomrP8lGqMHInmLXa33SyNViLSY";

	private static final String APP_ID = "wx5823bf96d3bd56c7";

	private static final String TIMESTAMP = "1714112445";

	private static final String NONCE = "415670741";

	private final PushCodec codec = new PushCodec();

	private final PushCipher cipher = new PushCipher(APP_ID, KEY, null);

	private final WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();

	private Push json;

	private Push xml;

	@Setup
	public void setUp() {
		this.config.setToken(TOKEN);
		this.config.setAesKey(KEY);
		this.config.setAppid(APP_ID);
		PushMessage message = PushMessage.text("gh_97417a04a28d", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY", 1714112445L,
				"6054768590064713728", "你好，我想问一下订单 20240426-1024 什么时候发货？谢谢 🙏");
		this.json = push(message, PushFormat.JSON);
		this.xml = push(message, PushFormat.XML);
	}

	private Push push(PushMessage message, PushFormat format) {
		String encrypt = this.cipher.encrypt(this.codec.encode(message, format), new SplittableRandom(7));
		String body = this.codec.encode(new PushEnvelope(message.toUserName(), encrypt, null), format);
		return new Push(body, body.getBytes(StandardCharsets.UTF_8), encrypt,
				PushSignature.sign(TOKEN, TIMESTAMP, NONCE, encrypt));
	}

	@Benchmark
	public PushMessage kefuJson() throws PushRejectedException {
		return kefu(this.json);
	}

	@Benchmark
	public PushMessage kefuXml() throws PushRejectedException {
		return kefu(this.xml);
	}

	@Benchmark
	public WxMaMessage wxJavaJson() {
		if (!SHA1.gen(TOKEN, TIMESTAMP, NONCE, this.json.encrypt).equals(this.json.msgSignature)) {
			throw new IllegalStateException("msg_signature");
		}
		return WxMaMessage.fromEncryptedJson(this.json.text, this.config);
	}

	@Benchmark
	public WxMaMessage wxJavaXml() {
		return WxMaMessage.fromEncryptedXml(this.xml.text, this.config, TIMESTAMP, NONCE, this.xml.msgSignature);
	}

	private PushMessage kefu(Push push) throws PushRejectedException {
		PushFormat format = PushFormat.sniff(push.bytes);
		PushEnvelope envelope = this.codec.readEnvelope(push.bytes, format);
		PushSignature.checkMsgSignature(push.msgSignature, TOKEN, TIMESTAMP, NONCE, envelope.encrypt());
		return this.codec.decode(this.cipher.decrypt(envelope.encrypt()).plaintext(), format);
	}

	private record Push(String text, byte[] bytes, String encrypt, String msgSignature) {
	}

}
