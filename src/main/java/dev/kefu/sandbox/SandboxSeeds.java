package dev.kefu.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.App;
import dev.kefu.media.Asset;
import dev.kefu.media.Assets;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;

import org.springframework.stereotype.Component;

/**
 * The example rules and image a new sandbox app starts with, the classic use of kefu: "1"
 * gets a tracked link card to the app's download page (a mini program cannot link to an
 * app store; tapping the card in the emulator's chat goes through the short URL, so the
 * funnel fills), "2" an image (a QR code), anything else a text that says what to type,
 * and entering the chat a welcome. They are ordinary rules, edited in the console like
 * any other.
 */
@Component
class SandboxSeeds {

	/** Who the rules' first versions are recorded as created by. */
	static final String ACTOR = "sandbox";

	static final String DOWNLOAD_URL = "https://www.example.com/app/download";

	private final RuleBook rules;

	private final Assets assets;

	SandboxSeeds(RuleBook rules, Assets assets) {
		this.rules = rules;
		this.assets = assets;
	}

	void seed(App app) {
		String appId = app.appId();
		Asset qrCode = this.assets.store(appId, "app-qrcode.png", resource("sandbox/qrcode.png"));
		create(appId, "1 → 下载 APP", Trigger.KEYWORD, List.of(new KeywordItem("1", MatchMode.EXACT)),
				new ReplyItem("link", null, "下载我们的 APP", "安卓和 iPhone 都能装，点开即可下载", DOWNLOAD_URL, null, null, null, null,
						true, Map.of("source", "kefu", "medium", "sandbox")));
		create(appId, "2 → 二维码", Trigger.KEYWORD, List.of(new KeywordItem("2", MatchMode.EXACT)),
				new ReplyItem("image", null, null, null, null, null, qrCode.id(), null, null));
		create(appId, "其他消息", Trigger.DEFAULT, List.of(), text("您好，这里是 kefu 沙盒里的客服。回复 1 获取 APP 下载链接，回复 2 查看下载二维码。"));
		create(appId, "欢迎语", Trigger.WELCOME, List.of(), text("欢迎光临！回复 1 下载 APP，回复 2 扫码下载。"));
	}

	private void create(String appId, String name, Trigger trigger, List<KeywordItem> keywords, ReplyItem reply) {
		this.rules.create(appId, new RuleDocument(null, name, trigger, null, true, ReplyMode.ALL, keywords,
				List.of(reply), null, null, null, null, null, null, null, null), ACTOR);
	}

	private static ReplyItem text(String content) {
		return new ReplyItem("text", content, null, null, null, null, null, null, null);
	}

	private static byte[] resource(String path) {
		try (InputStream in = SandboxSeeds.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + path);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
