package dev.kefu.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.outbox.HandReplies;
import dev.kefu.rules.Holds;
import dev.kefu.wechat.api.ApiResult;
import dev.kefu.wechat.api.AppCredentials;
import dev.kefu.wechat.api.TypingCommand;
import dev.kefu.wechat.api.WeChatApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * While an agent types a reply at the desk, WeChat shows the user "typing…"
 * (customerServiceMessage.setTyping, {@link WeChatApi#setTyping}). WeChat keeps a typing
 * state for 15 s and refuses a second one while it lasts (45081), so each instance asks
 * at most once per user every 15 s. The call is made on a thread of its own, never on the
 * agent's request: a refusal (45080 without an interaction in the last 30 s, 45015/45047
 * when no send is allowed) or a failure only counts in the WeChat API metrics and is
 * logged at debug. Nothing is asked while another agent holds the conversation or when
 * the allowance permits no send.
 */
@Service
public class DeskTyping implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DeskTyping.class);

	/** How long WeChat shows a typing state. */
	static final Duration TYPING = Duration.ofSeconds(15);

	/**
	 * Typing states asked for and not yet sent; more are dropped (the indicator is a
	 * nicety).
	 */
	private static final int QUEUE = 100;

	private final Apps apps;

	private final Holds holds;

	private final HandReplies replies;

	private final WeChatApi api;

	private final Clock clock;

	private final Throttle throttle = new Throttle(TYPING);

	private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(QUEUE), (task) -> {
				Thread thread = new Thread(task, "desk-typing");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.DiscardPolicy());

	DeskTyping(Apps apps, Holds holds, HandReplies replies, WeChatApi api, Clock clock) {
		this.apps = apps;
		this.holds = holds;
		this.replies = replies;
		this.api = api;
		this.clock = clock;
	}

	/**
	 * {@code agent} is typing a reply to the user: unless a typing state was asked for in
	 * the last 15 s, asks WeChat to show one, in the background. Returns at once and
	 * never throws for WeChat's answer.
	 */
	public void typing(String appId, String openId, String agent) {
		if (!this.throttle.pass(appId + '\n' + openId, this.clock.instant())) {
			return;
		}
		this.executor.execute(() -> send(appId, openId, agent));
	}

	/**
	 * A reply was sent to the user, which ends WeChat's typing state: the next keystroke
	 * may show a new one.
	 */
	public void replied(String appId, String openId) {
		this.throttle.forget(appId + '\n' + openId);
	}

	private void send(String appId, String openId, String agent) {
		try {
			App app = this.apps.find(appId).orElse(null);
			if (app == null || this.holds.find(appId, openId).filter((hold) -> !hold.holder().equals(agent)).isPresent()
					|| this.replies.refusal(this.replies.allowance(appId, openId)) != null) {
				return;
			}
			ApiResult<Void> result = this.api.setTyping(new AppCredentials(app.appId(), app.secret(), app.sandbox()),
					openId, TypingCommand.TYPING);
			if (!result.isOk()) {
				logger.debug("Desk: typing for app {} user {} not shown: {}", appId, openId, result.error());
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Desk: typing for app {} user {} failed: {}", appId, openId, ex.toString());
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/** At most one pass per key within a period. */
	static final class Throttle {

		/** Past this many keys, those whose period is over are forgotten. */
		private static final int PRUNE = 10_000;

		private final Duration period;

		private final Map<String, Instant> last = new ConcurrentHashMap<>();

		Throttle(Duration period) {
			this.period = period;
		}

		boolean pass(String key, Instant now) {
			if (this.last.size() > PRUNE) {
				for (Iterator<Instant> at = this.last.values().iterator(); at.hasNext();) {
					if (!now.isBefore(at.next().plus(this.period))) {
						at.remove();
					}
				}
			}
			boolean[] passed = { false };
			this.last.compute(key, (k, before) -> {
				if (before == null || !now.isBefore(before.plus(this.period))) {
					passed[0] = true;
					return now;
				}
				return before;
			});
			return passed[0];
		}

		void forget(String key) {
			this.last.remove(key);
		}

	}

}
