package dev.kefu.links;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.kefu.apps.App;
import dev.kefu.apps.Apps;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDecisions;
import dev.kefu.rules.RuleDocument;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The download funnel of an app's tracked links, per rule and per day (the app's days),
 * for a period: messages the rule matched (from the rules' decisions, which reach back
 * {@code kefu.rules.retention}) → tracked replies sent → users who tapped → taps. A
 * user's repeated taps count once among the users; link-preview fetchers and bots are
 * never taps. Sends count on the day WeChat accepted them, taps on the day they happened.
 * <p>
 * The rules shown are those with a tracked link now, and those whose links were sent or
 * tapped in the period.
 */
@Component
public class LinkFunnel {

	/** The longest period a report covers. */
	public static final int MAX_DAYS = 366;

	/**
	 * The funnel of one slice (a rule on a day, a rule over the period, the app on a day,
	 * ...).
	 *
	 * @param matched messages the rules matched
	 * @param sent tracked replies WeChat accepted
	 * @param users users who tapped at least once
	 * @param taps taps, every one
	 * @param tappedReplies sent replies tapped at least once
	 * @param fetches requests of link-preview fetchers and bots, not counted as taps
	 * @param platforms taps by platform, every platform present
	 * @param inWeChat taps in WeChat's in-app browser
	 */
	public record Figures(long matched, long sent, long users, long taps, long tappedReplies, long fetches,
			Map<Platform, Long> platforms, long inWeChat) {

		/**
		 * Of the replies sent, the share tapped at least once, in percent; {@code null}
		 * when none was sent.
		 */
		public Long tapThroughPercent() {
			return (this.sent > 0) ? Math.round(100.0 * this.tappedReplies / this.sent) : null;
		}

		public long platform(Platform platform) {
			return this.platforms.getOrDefault(platform, 0L);
		}

		/**
		 * The largest of the four steps, at least 1: what bars of the steps are drawn
		 * against.
		 */
		public long largestStep() {
			return Math.max(1, Math.max(Math.max(this.matched, this.sent), Math.max(this.users, this.taps)));
		}

	}

	/**
	 * @param ruleId the rule; {@code name} is its name now, or its id when it was deleted
	 */
	public record RuleRow(String ruleId, String name, Figures total, Map<LocalDate, Figures> days) {
	}

	/**
	 * @param days each day of the period, oldest first, for the app as a whole
	 */
	public record Report(String appId, LocalDate from, LocalDate to, Figures total, Map<LocalDate, Figures> days,
			List<RuleRow> rules) {
	}

	private final Apps apps;

	private final RuleBook rules;

	private final RuleDecisions decisions;

	private final JdbcClient jdbc;

	LinkFunnel(Apps apps, RuleBook rules, RuleDecisions decisions, JdbcClient jdbc) {
		this.apps = apps;
		this.rules = rules;
		this.decisions = decisions;
		this.jdbc = jdbc;
	}

	/**
	 * The funnel of {@code [from, to]} (days of the app's time zone, both included).
	 * @param ruleId only this rule, or {@code null} for all
	 * @throws IllegalArgumentException when the app is unknown or the period empty or
	 * longer than {@link #MAX_DAYS}
	 */
	public Report report(String appId, String ruleId, LocalDate from, LocalDate to) {
		App app = this.apps.find(appId).orElseThrow(() -> new IllegalArgumentException("no app " + appId));
		if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to.plusDays(1))) {
			throw new IllegalArgumentException("a period of 1 to " + MAX_DAYS + " days");
		}
		ZoneId zone = app.timeZone();
		Instant start = from.atStartOfDay(zone).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
		Window window = new Window(appId, ruleId, start.toEpochMilli(), end.toEpochMilli(),
				zone.getRules().getOffset(start).getTotalSeconds() * 1000L);

		Map<String, String> names = new HashMap<>();
		Set<String> shown = new LinkedHashSet<>();
		for (RuleDocument rule : this.rules.list(appId)) {
			names.put(rule.id(), rule.name());
			if (tracksLinks(rule) && (ruleId == null || ruleId.equals(rule.id()))) {
				shown.add(rule.id());
			}
		}
		Map<Key, Tally> cells = new HashMap<>();
		sends(window, cells);
		clicks(window, cells);
		cells.keySet().forEach((key) -> shown.add(key.rule()));
		this.decisions.hitsPerRuleAndDay(appId, start, end, zone).forEach((rule, days) -> {
			if (shown.contains(rule)) {
				days.forEach(
						(day, hits) -> cells.computeIfAbsent(new Key(rule, day), (k) -> new Tally()).matched += hits);
			}
		});
		Map<Key, long[]> distinct = distinctTaps(window, "rule_id, day_number");
		distinct.putAll(distinctTaps(window, "rule_id"));
		distinct.putAll(distinctTaps(window, "day_number"));
		distinct.putAll(distinctTaps(window, null));

		List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
		List<RuleRow> ruleRows = new ArrayList<>();
		for (String rule : shown) {
			Map<LocalDate, Figures> perDay = new LinkedHashMap<>();
			Tally ruleTotal = new Tally();
			for (LocalDate day : days) {
				Tally cell = cells.getOrDefault(new Key(rule, day), new Tally());
				ruleTotal.add(cell);
				perDay.put(day, cell.figures(distinct.get(new Key(rule, day))));
			}
			ruleRows.add(new RuleRow(rule, names.getOrDefault(rule, rule),
					ruleTotal.figures(distinct.get(new Key(rule, null))), perDay));
		}
		ruleRows.sort(
				Comparator.comparingLong((RuleRow row) -> row.total().sent()).reversed().thenComparing(RuleRow::name));
		Map<LocalDate, Figures> appDays = new LinkedHashMap<>();
		Tally total = new Tally();
		for (LocalDate day : days) {
			Tally dayTotal = new Tally();
			shown.forEach((rule) -> dayTotal.add(cells.getOrDefault(new Key(rule, day), new Tally())));
			total.add(dayTotal);
			appDays.put(day, dayTotal.figures(distinct.get(new Key(null, day))));
		}
		return new Report(appId, from, to, total.figures(distinct.get(new Key(null, null))), appDays, ruleRows);
	}

	private static boolean tracksLinks(RuleDocument rule) {
		return rule.replies() != null && rule.replies().stream().anyMatch((r) -> Boolean.TRUE.equals(r.tracked()));
	}

	/** What the queries have in common. */
	private record Window(String appId, String ruleId, long start, long end, long offset) {

		String ruleCondition() {
			return (this.ruleId != null) ? " AND rule_id = :rule" : "";
		}

		Map<String, Object> parameters() {
			Map<String, Object> parameters = new HashMap<>();
			parameters.put("offset", this.offset);
			parameters.put("app", this.appId);
			parameters.put("start", this.start);
			parameters.put("end", this.end);
			parameters.put("rule", this.ruleId);
			parameters.put("counted", true);
			return parameters;
		}

	}

	/**
	 * A rule ({@code ""} for none) on a day; {@code null} stands for all rules or the
	 * whole period.
	 */
	private record Key(String rule, LocalDate day) {
	}

	private void sends(Window window, Map<Key, Tally> cells) {
		// grouped in a derived table: one parameterised expression cannot be both
		// selected and grouped by
		this.jdbc
			.sql("SELECT rule_id, day_number, COUNT(*) AS n FROM (SELECT COALESCE(rule_id, '') AS rule_id, "
					+ "FLOOR((sent_at + :offset) / 86400000) AS day_number FROM links_code WHERE app_id = :app "
					+ "AND sent_at >= :start AND sent_at < :end" + window.ruleCondition()
					+ ") s GROUP BY rule_id, day_number")
			.params(window.parameters())
			.query((rs, row) -> cell(cells, rs.getString("rule_id"), rs.getLong("day_number")).sent += rs.getLong("n"))
			.list();
	}

	private void clicks(Window window, Map<Key, Tally> cells) {
		this.jdbc.sql("SELECT rule_id, day_number, platform, in_wechat, counted, COUNT(*) AS n FROM (SELECT "
				+ "COALESCE(rule_id, '') AS rule_id, FLOOR((clicked_at + :offset) / 86400000) AS day_number, platform, "
				+ "in_wechat, counted FROM links_click WHERE app_id = :app AND clicked_at >= :start AND clicked_at < :end"
				+ window.ruleCondition() + ") c GROUP BY rule_id, day_number, platform, in_wechat, counted")
			.params(window.parameters())
			.query((rs, row) -> {
				Tally cell = cell(cells, rs.getString("rule_id"), rs.getLong("day_number"));
				long n = rs.getLong("n");
				if (!rs.getBoolean("counted")) {
					cell.fetches += n;
					return null;
				}
				cell.taps += n;
				cell.platforms.merge(Platform.valueOf(rs.getString("platform")), n, Long::sum);
				if (rs.getBoolean("in_wechat")) {
					cell.inWeChat += n;
				}
				return null;
			})
			.list();
	}

	/**
	 * Users who tapped and replies tapped, by {@code groups} (columns of the derived
	 * table), or in all.
	 */
	private Map<Key, long[]> distinctTaps(Window window, String groups) {
		Map<Key, long[]> distinct = new HashMap<>();
		String select = (groups != null) ? groups + ", " : "";
		String groupBy = (groups != null) ? " GROUP BY " + groups : "";
		boolean byRule = groups != null && groups.contains("rule_id");
		boolean byDay = groups != null && groups.contains("day_number");
		this.jdbc.sql("SELECT " + select + "COUNT(DISTINCT open_id) AS users, COUNT(DISTINCT code) AS codes FROM ("
				+ "SELECT COALESCE(rule_id, '') AS rule_id, FLOOR((clicked_at + :offset) / 86400000) AS day_number, "
				+ "open_id, code FROM links_click WHERE app_id = :app AND clicked_at >= :start AND clicked_at < :end "
				+ "AND counted = :counted" + window.ruleCondition() + ") c" + groupBy)
			.params(window.parameters())
			.query((rs, row) -> distinct.put(
					new Key(byRule ? rs.getString("rule_id") : null,
							byDay ? LocalDate.ofEpochDay(rs.getLong("day_number")) : null),
					new long[] { rs.getLong("users"), rs.getLong("codes") }))
			.list();
		return distinct;
	}

	private static Tally cell(Map<Key, Tally> cells, String rule, long dayNumber) {
		return cells.computeIfAbsent(new Key(Objects.requireNonNullElse(rule, ""), LocalDate.ofEpochDay(dayNumber)),
				(key) -> new Tally());
	}

	/** The additive figures of a slice, while they are summed. */
	private static final class Tally {

		long matched;

		long sent;

		long taps;

		long fetches;

		long inWeChat;

		final Map<Platform, Long> platforms = new EnumMap<>(Platform.class);

		void add(Tally other) {
			this.matched += other.matched;
			this.sent += other.sent;
			this.taps += other.taps;
			this.fetches += other.fetches;
			this.inWeChat += other.inWeChat;
			other.platforms.forEach((platform, n) -> this.platforms.merge(platform, n, Long::sum));
		}

		/**
		 * @param distinct users and tapped replies of the slice, {@code null} for none
		 */
		Figures figures(long[] distinct) {
			Map<Platform, Long> all = new EnumMap<>(Platform.class);
			for (Platform platform : Platform.values()) {
				all.put(platform, this.platforms.getOrDefault(platform, 0L));
			}
			return new Figures(this.matched, this.sent, (distinct != null) ? distinct[0] : 0, this.taps,
					(distinct != null) ? distinct[1] : 0, this.fetches, Collections.unmodifiableMap(all),
					this.inWeChat);
		}

	}

}
