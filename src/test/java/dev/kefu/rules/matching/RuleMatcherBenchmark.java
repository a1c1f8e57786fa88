package dev.kefu.rules.matching;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import cn.binarywang.wx.miniapp.message.WxMaMessageHandler;
import cn.binarywang.wx.miniapp.message.WxMaMessageRouter;
import dev.kefu.rules.Keyword;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.Rule;
import dev.kefu.rules.RulePart;
import dev.kefu.rules.Trigger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching cost per message for an app with N EXACT plus N CONTAINS keywords (one rule
 * each) and 50 REGEX rules, on a fixed mix of short Chinese and ASCII messages: about 30%
 * exact hits (some in full-width or upper case), 25% contains hits, 5% regex hits and 40%
 * that match nothing and fall through every stage to the default rule. WxJava's
 * {@link WxMaMessageRouter} holds the same rules in the same order, for comparison.
 * {@link #kefuLiteralsOnly} uses only the required literals of the regex prefilter and
 * {@link #kefuWithoutPrefilter} none of it (every regex tried on RE2/J), to show what
 * each part saves. {@link #rebuild} measures compiling the matcher.
 * <p>
 * Run: {@code bench/jmh RuleMatcher -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class RuleMatcherBenchmark {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

	private static final String[] WORDS = { "下载", "会员", "优惠券", "退款", "退货", "发货", "快递", "物流", "客服", "价格", "地址", "电话",
			"积分", "签到", "抽奖", "活动", "充值", "提现", "登录", "注册", "密码", "账号", "订单", "支付", "发票", "售后", "保修", "尺码", "颜色", "库存",
			"预约", "门店", "包邮", "打折", "团购", "秒杀", "红包", "返现", "邀请", "好友", "课程", "直播", "回放", "取消", "修改", "查询", "投诉", "合作",
			"加盟", "招聘", "版本", "更新", "闪退", "卡顿", "绑定", "解绑", "实名", "认证", "年卡", "月卡" };

	private static final String[] ASCII = { "app", "vip", "code", "coupon", "refund", "order", "help", "login", "ios",
			"android" };

	private static final String[] MISSES = { "你好", "在吗", "谢谢", "好的", "这个怎么用啊", "多久能到呀", "hello", "hi there",
			"how do I get started?", "请问有人吗", "我想问一下", "ok", "嗯嗯", "为什么这样", "太慢了吧", "什么时候有货" };

	/** Exact and contains keywords each; plus 50 regex rules. */
	@Param({ "1000", "10000", "100000" })
	public int keywords;

	private List<Rule> rules;

	private RuleMatcher matcher;

	private RuleMatcher literalsOnly;

	private RuleMatcher withoutPrefilter;

	private WxMaMessageRouter router;

	private String[] messages;

	private WxMaMessage[] wxMessages;

	private int next;

	@Setup
	public void setUp() {
		this.rules = rules(this.keywords);
		this.matcher = RuleMatcher.compile(this.rules, ZONE);
		this.literalsOnly = RuleMatcher.compile(this.rules, ZONE, KeywordIndex.Prefiltering.LITERALS);
		this.withoutPrefilter = RuleMatcher.compile(this.rules, ZONE, KeywordIndex.Prefiltering.NONE);
		this.router = router(this.rules);
		this.messages = messages(this.keywords, 4096);
		this.wxMessages = new WxMaMessage[this.messages.length];
		for (int i = 0; i < this.messages.length; i++) {
			WxMaMessage message = new WxMaMessage();
			message.setMsgType("text");
			message.setContent(this.messages[i]);
			message.setFromUser("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
			message.setCreateTime(1_772_589_600 + i);
			this.wxMessages[i] = message;
		}
	}

	@Benchmark
	public Object kefu() {
		String message = this.messages[this.next++ & (this.messages.length - 1)];
		return this.matcher.answering("text", message, NOW).orElse(null);
	}

	@Benchmark
	public Object kefuLiteralsOnly() {
		String message = this.messages[this.next++ & (this.messages.length - 1)];
		return this.literalsOnly.answering("text", message, NOW).orElse(null);
	}

	@Benchmark
	public Object kefuWithoutPrefilter() {
		String message = this.messages[this.next++ & (this.messages.length - 1)];
		return this.withoutPrefilter.answering("text", message, NOW).orElse(null);
	}

	@Benchmark
	public Object wxjava() {
		return this.router.route(this.wxMessages[this.next++ & (this.wxMessages.length - 1)]);
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public RuleMatcher rebuild() {
		return RuleMatcher.compile(this.rules, ZONE);
	}

	static String exactKeyword(int i) {
		return (i % 10 < 7) ? WORDS[i % WORDS.length] + (i / WORDS.length) : ASCII[i % ASCII.length] + i;
	}

	static String containsKeyword(int i) {
		int pairs = WORDS.length * WORDS.length;
		int pair = i % pairs;
		String text = WORDS[pair / WORDS.length] + WORDS[pair % WORDS.length];
		return (i < pairs) ? text : text + "第" + (i / pairs) + "期";
	}

	static List<Rule> rules(int count) {
		List<Rule> rules = new ArrayList<>();
		Instant created = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < count; i++) {
			rules.add(rule("e" + i, new Keyword(exactKeyword(i), MatchMode.EXACT), created));
			rules.add(rule("c" + i, new Keyword(containsKeyword(i), MatchMode.CONTAINS), created));
		}
		for (int i = 0; i < 45; i++) {
			String regex = switch (i % 5) {
				case 0 -> "^订单" + i + "\\d{6,12}$";
				case 1 -> "(退款|退货).*" + WORDS[i] + "(多久|几天)";
				case 2 -> "快递.*" + WORDS[i] + "(到哪|在哪)";
				case 3 -> "^(hi|hello|hey)\\b.*topic" + i;
				default -> WORDS[i] + "码[a-z0-9]{6}";
			};
			rules.add(rule("r" + i, new Keyword(regex, MatchMode.REGEX), created));
		}
		// Regexes with no literal text, tried on every message nothing better matched.
		String[] plain = { "^1[3-9]\\d{9}$", "^\\d{15,20}$", "^[a-z0-9._%+-]{2,}\\.[a-z]{2,}$", "^\\d+[元块]$",
				"^[a-z]{2}\\d{8}$" };
		for (int i = 0; i < plain.length; i++) {
			rules.add(rule("p" + i, new Keyword(plain[i], MatchMode.REGEX), created));
		}
		rules.add(new Rule("default", "wx-bench", "default", Trigger.DEFAULT, 0, true, ReplyMode.ALL, List.of(),
				List.of(new RulePart.Send(new Reply.Text("您好，请稍候"))), null, null, null, null, null, created, created));
		return rules;
	}

	private static Rule rule(String id, Keyword keyword, Instant created) {
		return new Rule(id, "wx-bench", id, Trigger.KEYWORD, 0, true, ReplyMode.ALL, List.of(keyword),
				List.of(new RulePart.Send(new Reply.Text(id))), null, null, null, null, null, created, created);
	}

	static String[] messages(int count, int size) {
		SplittableRandom random = new SplittableRandom(2026);
		String[] messages = new String[size];
		for (int i = 0; i < size; i++) {
			int kind = random.nextInt(100);
			int k = random.nextInt(count);
			if (kind < 20) {
				messages[i] = exactKeyword(k);
			}
			else if (kind < 25) {
				messages[i] = " " + exactKeyword(k).toUpperCase() + " ";
			}
			else if (kind < 30) {
				messages[i] = exactKeyword(k).replace('1', '１').replace('2', '２');
			}
			else if (kind < 55) {
				messages[i] = "请问" + containsKeyword(k) + "怎么弄";
			}
			else if (kind < 58) {
				messages[i] = "订单" + (k % 45 / 5 * 5) + "20260304" + k % 10;
			}
			else if (kind < 60) {
				messages[i] = "138" + (10_000_000 + k);
			}
			else {
				messages[i] = MISSES[random.nextInt(MISSES.length)];
			}
		}
		return messages;
	}

	/**
	 * The same rules, in the order kefu ranks them, since WxJava's router takes the first
	 * match.
	 */
	private static WxMaMessageRouter router(List<Rule> rules) {
		WxMaMessageRouter router = new WxMaMessageRouter(new WxMaServiceImpl());
		router.setMessageDuplicateChecker((messageId) -> false);
		List<Rule> ordered = new ArrayList<>(rules);
		ordered.removeIf((rule) -> rule.trigger() != Trigger.KEYWORD);
		ordered.sort(Comparator.comparing((Rule rule) -> rule.keywords().get(0).match())
			.thenComparing((Rule rule) -> -rule.keywords().get(0).text().length()));
		for (Rule rule : ordered) {
			Keyword keyword = rule.keywords().get(0);
			// A real handler would send the rule's replies; here it only ends the
			// routing.
			WxMaMessageHandler handler = (message, context, service, sessions) -> null;
			switch (keyword.match()) {
				case EXACT -> router.rule().async(false).msgType("text").content(keyword.text()).handler(handler).end();
				case CONTAINS -> router.rule()
					.async(false)
					.msgType("text")
					.matcher((message) -> message.getContent() != null && message.getContent().contains(keyword.text()))
					.handler(handler)
					.end();
				case REGEX ->
					router.rule().async(false).msgType("text").rContent(keyword.text()).handler(handler).end();
			}
		}
		router.rule().async(false).handler((message, context, service, sessions) -> null).end();
		return router;
	}

}
