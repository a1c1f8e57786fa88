package dev.kefu.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.kefu.InBrowser;
import dev.kefu.apps.App;
import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.apps.Apps;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDecision;
import dev.kefu.rules.RuleDecisions;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushSignature;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test console tells the truth: a corpus of messages pushed through {@code /wechat/{appId}}
 * and played on the test console get the same rule and the same outcome, and the console's
 * explanation names the same winning rule, REGEX case included.
 */
class TestConsoleParityIntegrationTests extends InBrowser {

	static final String TOKEN = "parityToken42";

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	AppRegistry registry;

	@Autowired
	Apps apps;

	@Autowired
	RuleBook book;

	@Autowired
	RuleDecisions decisions;

	@Autowired
	TestConsole console;

	/** One message of the corpus: {@code text}, {@code image} or {@code enter}. */
	record Sample(String kind, String text, String expectedOutcome) {
	}

	/**
	 * What was decided: the outcome, the rule's name (rule ids differ per app), and for a keyword
	 * match the rule the explanation names as the winner.
	 */
	record Verdict(String outcome, String rule, String explained) {
	}

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void theConsoleAndLivePushesReachTheSameVerdicts() throws Exception {
		// the explanation is read in English
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		String full = app();
		rule(full, "下载APP", Trigger.KEYWORD, 0, List.of(new KeywordItem("1", MatchMode.EXACT)), null, null);
		rule(full, "价格", Trigger.KEYWORD, 0, List.of(new KeywordItem("多少钱", MatchMode.CONTAINS)), null, null);
		rule(full, "问候", Trigger.KEYWORD, 0, List.of(new KeywordItem("^HELLO", MatchMode.REGEX)), null, null);
		rule(full, "退款加急", Trigger.KEYWORD, 5, List.of(new KeywordItem("退款", MatchMode.CONTAINS)), null, null);
		rule(full, "退款", Trigger.KEYWORD, 0, List.of(new KeywordItem("退款.*", MatchMode.REGEX)), null, null);
		rule(full, "兜底", Trigger.DEFAULT, 0, List.of(), null, Duration.ofHours(1));
		rule(full, "欢迎", Trigger.WELCOME, 0, List.of(), null, null);
		rule(full, "活动欢迎", Trigger.WELCOME, 0, List.of(), "promo", null);
		String bare = app();
		rule(bare, "问候", Trigger.KEYWORD, 0, List.of(new KeywordItem("^HELLO", MatchMode.REGEX)), null, null);

		List<Sample> fullCorpus = List.of(new Sample("text", "1", "KEYWORD"), new Sample("text", "１", "KEYWORD"),
				new Sample("text", "这个多少钱？", "KEYWORD"), new Sample("text", "hello", "KEYWORD"),
				new Sample("text", "HELLO there", "KEYWORD"), new Sample("text", "say hello", "DEFAULT"),
				new Sample("text", "我要退款", "KEYWORD"), new Sample("text", "随便说点什么", "DEFAULT"),
				new Sample("image", null, "DEFAULT"), new Sample("enter", null, "WELCOME"),
				new Sample("enter", "promo", "WELCOME"));
		List<Sample> bareCorpus = List.of(new Sample("text", "Hello", "KEYWORD"),
				new Sample("text", "随便说点什么", "NO_RULE"), new Sample("image", null, "NO_RULE"),
				new Sample("enter", null, "NO_RULE"));

		assertSameVerdicts(full, fullCorpus);
		assertSameVerdicts(bare, bareCorpus);
	}

	private void assertSameVerdicts(String appId, List<Sample> corpus) throws Exception {
		App app = this.apps.find(appId).orElseThrow();
		List<Verdict> live = new ArrayList<>();
		List<Verdict> rehearsed = new ArrayList<>();
		List<Verdict> expected = new ArrayList<>();
		for (Sample sample : corpus) {
			live.add(live(appId, sample));
			TestConsole.Run run = "enter".equals(sample.kind()) ? this.console.play(app, "enter", null, sample.text())
					: this.console.play(app, sample.kind(), sample.text(), null);
			rehearsed.add(new Verdict(run.outcome(), run.ruleName(), explained(run)));
			expected.add(new Verdict(sample.expectedOutcome(), null, null));
		}
		assertThat(rehearsed).as("test console vs live pushes for %s", corpus).isEqualTo(live);
		assertThat(live.stream().map(Verdict::outcome).toList())
			.isEqualTo(expected.stream().map(Verdict::outcome).toList());
	}

	/** Pushes the sample from a new user and reads the decision the rules stored for it. */
	private Verdict live(String appId, Sample sample) throws Exception {
		String user = "o_parity_" + UUID.randomUUID().toString().substring(0, 8);
		long now = System.currentTimeMillis() / 1000;
		String msgId = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
		PushMessage message = switch (sample.kind()) {
			case "enter" -> PushMessage.userEnterTempSession("gh_97417a04a28d", user, now, sample.text());
			case "image" -> PushMessage.image("gh_97417a04a28d", user, now, msgId, "https://example.com/a.jpg", "m1");
			default -> new PushMessage("gh_97417a04a28d", user, now, "text", msgId, null, sample.text(), null, null,
					null, null, null, null, null, null, Map.of());
		};
		String nonce = Integer.toString((int) (Math.random() * 1_000_000_000));
		String query = "signature=" + PushSignature.sign(TOKEN, Long.toString(now), nonce) + "&timestamp=" + now
				+ "&nonce=" + nonce + "&openid=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/wechat/" + appId + "?" + query))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(new PushCodec().encode(message, PushFormat.JSON), StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		RuleDecision decision = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.decisions.recent(appId, false, 100).stream().filter((d) -> d.openId().equals(user))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		String rule = (decision.ruleId() != null) ? this.book.list(appId).stream()
			.filter((d) -> d.id().equals(decision.ruleId()))
			.findFirst()
			.orElseThrow()
			.name() : null;
		return new Verdict(decision.outcome().name(), rule, "KEYWORD".equals(decision.outcome().name()) ? rule : null);
	}

	/** The rule the console's explanation says won the keyword match, if any step says so. */
	private static String explained(TestConsole.Run run) {
		List<String> winners = run.steps()
			.stream()
			.filter((step) -> step.hit() && step.text().startsWith("Matches "))
			.map((step) -> step.text().replaceAll("^.*→ rule \"(.*)\", priority .*$", "$1"))
			.toList();
		assertThat(winners).as("winning keywords explained in %s", run.steps()).hasSizeLessThanOrEqualTo(1);
		return winners.isEmpty() ? null : winners.get(0);
	}

	private String app() {
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.registry.register(new AppDraft(appId, "对照", "secret-1", TOKEN,
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, false, null));
		return appId;
	}

	private void rule(String appId, String name, Trigger trigger, int priority, List<KeywordItem> keywords,
			String sessionFrom, Duration cooldown) {
		this.book.create(appId, new RuleDocument(null, name, trigger, priority, true, ReplyMode.ALL, keywords,
				List.of(new ReplyItem("text", name + " 的回复", null, null, null, null, null, null, null)), null, null,
				null, sessionFrom, cooldown, null, null, null), "test");
	}

}
