package dev.kefu.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kefu.apps.AppDraft;
import dev.kefu.apps.AppRegistry;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDecision;
import dev.kefu.rules.RuleDecisions;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test console tells the truth: a corpus of messages that the emulator's users send
 * to kefu as WeChat would, and the same messages played on the test console's page as an
 * operator plays them, reach the same verdict: the same outcome, the same rule, the same
 * winner in the console's explanation, and the same replies (what the console says it
 * would send is what reached the user's chat through the send API). REGEX case included:
 * {@code ^HELLO} answers "hello" in both.
 */
class TestConsoleParityIntegrationTests extends EmulatorIntegrationTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern OUTCOME = Pattern.compile("data-outcome=\"([A-Z_]+)\"");

	private static final Pattern RULE = Pattern.compile("data-test=\"matched-rule\">([^<]*)<");

	/**
	 * A step drawn green that names the winning rule, in Chinese (the default) or
	 * English.
	 */
	private static final Pattern WINNING_STEP = Pattern
		.compile("<li class=\"hit\">[^<]*→ (?:规则“(.*?)”，|rule &quot;(.*?)&quot;, )");

	private static final Pattern REPLY_BODY = Pattern.compile("data-test=\"reply-json\">.*?<pre>(.*?)</pre>",
			Pattern.DOTALL);

	@Autowired
	AppRegistry registry;

	@Autowired
	RuleBook book;

	@Autowired
	RuleDecisions decisions;

	@Autowired
	JdbcClient jdbc;

	/**
	 * One message of the corpus: {@code text}, {@code image} or {@code enter} (text: its
	 * SessionFrom).
	 */
	record Sample(String kind, String text, String expectedOutcome) {
	}

	/**
	 * What was decided: the outcome, the rule's name, the rule a keyword match is
	 * explained by (live: the rule itself), and the replies as {@code type:content}.
	 */
	record Verdict(String outcome, String rule, String explained, List<String> replies) {
	}

	@Test
	void theConsoleAndTheEmulatorsPushesReachTheSameVerdicts() {
		String full = app();
		rule(full, "下载APP", Trigger.KEYWORD, 0, List.of(new KeywordItem("1", MatchMode.EXACT)), null,
				new ReplyItem("link", null, "下载我们的 APP", "点开即可下载", "https://example.com/app", null, null, null, null));
		rule(full, "价格", Trigger.KEYWORD, 0, List.of(new KeywordItem("多少钱", MatchMode.CONTAINS)), null);
		rule(full, "问候", Trigger.KEYWORD, 0, List.of(new KeywordItem("^HELLO", MatchMode.REGEX)), null);
		rule(full, "退款加急", Trigger.KEYWORD, 5, List.of(new KeywordItem("退款", MatchMode.CONTAINS)), null);
		rule(full, "退款", Trigger.KEYWORD, 0, List.of(new KeywordItem("退款.*", MatchMode.REGEX)), null);
		rule(full, "兜底", Trigger.DEFAULT, 0, List.of(), null);
		rule(full, "欢迎", Trigger.WELCOME, 0, List.of(), null);
		rule(full, "活动欢迎", Trigger.WELCOME, 0, List.of(), "promo");
		String bare = app();
		rule(bare, "问候", Trigger.KEYWORD, 0, List.of(new KeywordItem("^HELLO", MatchMode.REGEX)), null);

		assertSameVerdicts(full,
				List.of(new Sample("text", "1", "KEYWORD"), new Sample("text", "１", "KEYWORD"),
						new Sample("text", "这个多少钱？", "KEYWORD"), new Sample("text", "hello", "KEYWORD"),
						new Sample("text", "HELLO there", "KEYWORD"), new Sample("text", "say hello", "DEFAULT"),
						new Sample("text", "我要退款", "KEYWORD"), new Sample("text", "随便说点什么", "DEFAULT"),
						new Sample("image", null, "DEFAULT"), new Sample("enter", null, "WELCOME"),
						new Sample("enter", "promo", "WELCOME")));
		assertSameVerdicts(bare,
				List.of(new Sample("text", "Hello", "KEYWORD"), new Sample("text", "随便说点什么", "NO_RULE"),
						new Sample("image", null, "NO_RULE"), new Sample("enter", null, "NO_RULE")));
	}

	private void assertSameVerdicts(String appId, List<Sample> corpus) {
		List<Verdict> live = new ArrayList<>();
		List<Verdict> console = new ArrayList<>();
		for (int i = 0; i < corpus.size(); i++) {
			Sample sample = corpus.get(i);
			console.add(console(appId, sample));
			live.add(live(appId, "user" + i, sample));
		}
		assertThat(console).as("test console vs the emulator's pushes for %s", corpus).isEqualTo(live);
		assertThat(live.stream().map(Verdict::outcome).toList())
			.isEqualTo(corpus.stream().map(Sample::expectedOutcome).toList());
	}

	/**
	 * The emulator's user sends the sample; the verdict is the decision the rules stored
	 * for it and the replies that reached the user's chat.
	 */
	private Verdict live(String appId, String user, Sample sample) {
		JsonNode pushed = push(appId, user, sample.kind(), sample.text());
		assertThat(pushed.get("status").stringValue()).as("push of %s", sample).isEqualTo("ACKNOWLEDGED");
		String openId = openId(appId, user);
		RuleDecision decision = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.decisions.recent(appId, false, 100)
				.stream()
				.filter((d) -> d.openId().equals(openId))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		// the deliveries are written with the decision: wait until all of them reached
		// the chat
		long planned = this.jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE app_id = ? AND open_id = ?")
			.params(appId, openId)
			.query(Long.class)
			.single();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> replies(appId, user).size() >= planned);
		String rule = (decision.ruleId() != null) ? this.book.list(appId)
			.stream()
			.filter((d) -> d.id().equals(decision.ruleId()))
			.findFirst()
			.orElseThrow()
			.name() : null;
		String outcome = decision.outcome().name();
		return new Verdict(outcome, rule, "KEYWORD".equals(outcome) ? rule : null, replies(appId, user));
	}

	/** What reached the user's chat from kefu, as {@code type:content}. */
	private List<String> replies(String appId, String user) {
		List<String> replies = new ArrayList<>();
		for (JsonNode item : chat(appId, user)) {
			JsonNode entry = item.get("entry");
			switch (item.get("kind").stringValue()) {
				case "reply-text" -> {
					StringBuilder text = new StringBuilder();
					entry.get("runs").forEach((run) -> text.append(run.get("text").stringValue()));
					replies.add("text:" + text);
				}
				case "reply-link" ->
					replies.add("link:" + entry.get("title").stringValue() + " " + entry.get("url").stringValue());
				default -> {
					if (item.get("kind").stringValue().startsWith("reply")) {
						replies.add(item.get("kind").stringValue());
					}
				}
			}
		}
		return replies;
	}

	/** Plays the sample on the test console's page and reads its verdict off the page. */
	private Verdict console(String appId, Sample sample) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("kind", sample.kind());
		if (sample.text() != null) {
			form.add("enter".equals(sample.kind()) ? "sessionFrom" : "text", sample.text());
		}
		String page = this.http.post()
			.uri("/apps/" + appId + "/test")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(String.class);
		String outcome = group(OUTCOME, page);
		String rule = group(RULE, page);
		List<String> winners = new ArrayList<>();
		Matcher step = WINNING_STEP.matcher(page);
		while (step.find()) {
			winners.add(HtmlUtils.htmlUnescape((step.group(1) != null) ? step.group(1) : step.group(2)));
		}
		assertThat(winners).as("winning keywords explained on %s", page).hasSizeLessThanOrEqualTo(1);
		List<String> replies = new ArrayList<>();
		Matcher body = REPLY_BODY.matcher(page);
		while (body.find()) {
			JsonNode sent = JSON.readTree(HtmlUtils.htmlUnescape(body.group(1)));
			String type = sent.get("msgtype").stringValue();
			JsonNode message = sent.get(type);
			replies.add(switch (type) {
				case "text" -> "text:" + message.get("content").stringValue();
				case "link" -> "link:" + message.get("title").stringValue() + " " + message.get("url").stringValue();
				default -> "reply-" + type;
			});
		}
		return new Verdict(outcome, (rule != null) ? HtmlUtils.htmlUnescape(rule) : null,
				winners.isEmpty() ? null : winners.get(0), replies);
	}

	private static String group(Pattern pattern, String page) {
		Matcher matcher = pattern.matcher(page);
		return matcher.find() ? matcher.group(1) : null;
	}

	/** A sandbox app (the only kind the emulator plays), on both sides. */
	private String app() {
		String appId = newAppId();
		this.registry.register(
				new AppDraft(appId, "对照", secretOf(appId), CallbackStub.TOKEN, CallbackStub.AES_KEY, null, true, null));
		registerApp(appId, "SAFE", "JSON");
		return appId;
	}

	/** A rule answering with the text "{name} 的回复", then {@code more}. */
	private void rule(String appId, String name, Trigger trigger, int priority, List<KeywordItem> keywords,
			String sessionFrom, ReplyItem... more) {
		List<ReplyItem> replies = new ArrayList<>();
		replies.add(new ReplyItem("text", name + " 的回复", null, null, null, null, null, null, null));
		replies.addAll(List.of(more));
		this.book.create(appId, new RuleDocument(null, name, trigger, priority, true, ReplyMode.ALL, keywords, replies,
				null, null, null, sessionFrom, null, null, null, null), "test");
	}

}
