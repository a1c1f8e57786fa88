package dev.kefu.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One user's customer-service chat with one app, as WeChat tracks it: the send allowance,
 * the typing state and what the chat window shows. Thread-safe: every method locks the
 * instance.
 * <p>
 * The allowance (wechat-protocol.md §7): a user message allows 5 sends within 48 hours,
 * entering the chat 2 within 1 minute. Allowances do not accumulate: each qualifying
 * action resets the allowance to that action's maximum and the window to its full length.
 */
final class Conversation {

	enum Cause {

		USER_MESSAGE(5, Duration.ofHours(48)), ENTERED_CHAT(2, Duration.ofMinutes(1));

		final int sends;

		final Duration window;

		Cause(int sends, Duration window) {
			this.sends = sends;
			this.window = window;
		}

	}

	static final Duration INTERACTION = Duration.ofSeconds(30);

	static final Duration TYPING = Duration.ofSeconds(15);

	private static final int MAX_ENTRIES = 300;

	private final String appId;

	private final String openId;

	private final String userName;

	private final Deque<ChatEntry> entries = new ArrayDeque<>();

	private Cause cause;

	private Instant windowStart;

	private int remaining;

	private Instant lastInteraction;

	private Instant typingUntil;

	private long version;

	Conversation(String appId, String openId, String userName) {
		this.appId = appId;
		this.openId = openId;
		this.userName = userName;
	}

	String appId() {
		return this.appId;
	}

	String openId() {
		return this.openId;
	}

	String userName() {
		return this.userName;
	}

	/**
	 * The user acted (a message or entering the chat): record it and reset the allowance.
	 */
	synchronized void userActed(Cause cause, ChatEntry entry) {
		this.cause = cause;
		this.windowStart = entry.at();
		this.remaining = cause.sends;
		this.lastInteraction = entry.at();
		add(entry);
	}

	/** Something to show that does not change the allowance (a notice, a refusal). */
	synchronized void show(ChatEntry entry) {
		add(entry);
	}

	/**
	 * Accepts a reply through the send API: uses one send of the allowance, ends typing.
	 * @throws Refusal 45015 outside the window, 45047 when the allowance is used up
	 */
	synchronized void reply(ChatEntry reply) {
		checkSendable(reply.at());
		this.remaining--;
		this.typingUntil = null;
		this.lastInteraction = reply.at();
		add(reply);
	}

	/**
	 * setTyping ({@code Typing} or {@code CancelTyping}).
	 * @throws Refusal 45015/45047 when a send would not be allowed, 45080 without
	 * interaction in the last 30 s, 45081 when already typing
	 */
	synchronized void typing(boolean start, Instant now) {
		if (!start) {
			if (this.typingUntil != null) {
				this.typingUntil = null;
				this.version++;
			}
			return;
		}
		checkSendable(now);
		if (this.lastInteraction == null || !now.isBefore(this.lastInteraction.plus(INTERACTION))) {
			throw new Refusal(WechatError.NO_RECENT_INTERACTION);
		}
		if (typingAt(now)) {
			throw new Refusal(WechatError.ALREADY_TYPING);
		}
		this.typingUntil = now.plus(TYPING);
		this.version++;
	}

	synchronized boolean typingAt(Instant now) {
		return this.typingUntil != null && now.isBefore(this.typingUntil);
	}

	/** Sends left now, 0 when the window is closed. */
	synchronized int sendsLeft(Instant now) {
		return windowOpen(now) ? this.remaining : 0;
	}

	/** When the current window closes, or {@code null} without one. */
	synchronized Instant windowEnd() {
		return (this.cause != null) ? this.windowStart.plus(this.cause.window) : null;
	}

	synchronized List<ChatEntry> entries() {
		return List.copyOf(this.entries);
	}

	/**
	 * Changes with every change the chat window would show, so a poll can answer
	 * "unchanged".
	 */
	synchronized long version() {
		return this.version;
	}

	/**
	 * What the chat window shows at {@code now}, read at one moment: a reply that lands
	 * while a poll draws the chat is either in the view with its version or in neither,
	 * so the next poll never answers "unchanged" to a view that lacks it.
	 */
	synchronized View view(Instant now) {
		return new View(List.copyOf(this.entries), typingAt(now), sendsLeft(now), windowEnd(), this.version);
	}

	/** The chat window's content at one moment, and the version it has. */
	record View(List<ChatEntry> entries, boolean typing, int sendsLeft, Instant windowEnd, long version) {
	}

	private void checkSendable(Instant now) {
		if (!windowOpen(now)) {
			throw new Refusal(WechatError.OUT_OF_TIME_LIMIT);
		}
		if (this.remaining <= 0) {
			throw new Refusal(WechatError.OUT_OF_COUNT_LIMIT);
		}
	}

	private boolean windowOpen(Instant now) {
		return this.cause != null && now.isBefore(this.windowStart.plus(this.cause.window));
	}

	private void add(ChatEntry entry) {
		this.entries.addLast(entry);
		while (this.entries.size() > MAX_ENTRIES) {
			this.entries.removeFirst();
		}
		this.version++;
	}

}
