package dev.kefu.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Readable rule fixtures: {@code RuleBuilder.keyword("下载APP").exact("1").build()}. */
public final class RuleBuilder {

	/** Rules created in a test are this old unless told otherwise; one second apart. */
	private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

	private static int sequence;

	private final String name;

	private final Trigger trigger;

	private String id;

	private int priority;

	private boolean enabled = true;

	private ReplyMode replyMode = ReplyMode.ALL;

	private final List<Keyword> keywords = new ArrayList<>();

	private final List<RulePart> replies = new ArrayList<>();

	private Instant activeFrom;

	private Instant activeUntil;

	private BusinessHours businessHours;

	private String sessionFrom;

	private Duration cooldown;

	private Instant createdAt;

	private RuleBuilder(String name, Trigger trigger) {
		this.name = name;
		this.trigger = trigger;
		this.id = name;
		this.createdAt = EPOCH.plusSeconds(sequence++);
	}

	public static RuleBuilder keyword(String name) {
		return new RuleBuilder(name, Trigger.KEYWORD);
	}

	public static RuleBuilder defaults(String name) {
		return new RuleBuilder(name, Trigger.DEFAULT);
	}

	public static RuleBuilder welcome(String name) {
		return new RuleBuilder(name, Trigger.WELCOME);
	}

	public RuleBuilder id(String id) {
		this.id = id;
		return this;
	}

	public RuleBuilder exact(String... texts) {
		return keywords(MatchMode.EXACT, texts);
	}

	public RuleBuilder contains(String... texts) {
		return keywords(MatchMode.CONTAINS, texts);
	}

	public RuleBuilder regex(String... texts) {
		return keywords(MatchMode.REGEX, texts);
	}

	private RuleBuilder keywords(MatchMode mode, String... texts) {
		for (String text : texts) {
			this.keywords.add(new Keyword(text, mode));
		}
		return this;
	}

	public RuleBuilder priority(int priority) {
		this.priority = priority;
		return this;
	}

	public RuleBuilder disabled() {
		this.enabled = false;
		return this;
	}

	public RuleBuilder random() {
		this.replyMode = ReplyMode.RANDOM;
		return this;
	}

	public RuleBuilder text(String... contents) {
		for (String content : contents) {
			this.replies.add(new RulePart.Send(new Reply.Text(content)));
		}
		return this;
	}

	public RuleBuilder reply(Reply reply) {
		this.replies.add(new RulePart.Send(reply));
		return this;
	}

	public static RuleBuilder agentsOffline(String name) {
		return new RuleBuilder(name, Trigger.AGENTS_OFFLINE);
	}

	public RuleBuilder toAgent() {
		this.replies.add(new RulePart.Agent());
		return this;
	}

	public RuleBuilder transfer() {
		this.replies.add(new RulePart.Transfer());
		return this;
	}

	public RuleBuilder active(String from, String until) {
		this.activeFrom = (from != null) ? Instant.parse(from) : null;
		this.activeUntil = (until != null) ? Instant.parse(until) : null;
		return this;
	}

	public RuleBuilder hours(Set<DayOfWeek> days, String from, String until) {
		this.businessHours = new BusinessHours(days, LocalTime.parse(from), LocalTime.parse(until));
		return this;
	}

	public RuleBuilder sessionFrom(String sessionFrom) {
		this.sessionFrom = sessionFrom;
		return this;
	}

	public RuleBuilder cooldown(Duration cooldown) {
		this.cooldown = cooldown;
		return this;
	}

	public RuleBuilder createdAt(Instant createdAt) {
		this.createdAt = createdAt;
		return this;
	}

	public Rule build() {
		List<RulePart> parts = this.replies.isEmpty() ? List.of(new RulePart.Send(new Reply.Text(this.name)))
				: this.replies;
		return new Rule(this.id, "wx-app", this.name, this.trigger, this.priority, this.enabled, this.replyMode,
				this.keywords, parts, this.activeFrom, this.activeUntil, this.businessHours, this.sessionFrom,
				this.cooldown, this.createdAt, this.createdAt);
	}

}
