package dev.kefu.links.web;

import java.time.LocalDate;
import java.util.Map;

import dev.kefu.links.LinkFunnel.Figures;
import dev.kefu.links.LinkFunnel.Report;
import dev.kefu.links.LinkFunnel.RuleRow;
import dev.kefu.links.Platform;

/**
 * The funnel as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheet programs read
 * Chinese rule names right): one row per rule and day, then one per rule for the whole
 * period, then the app's days and its period. A row of the whole period counts a user who
 * tapped on several days once, so its users are not the sum of its days'.
 */
final class FunnelCsv {

	private static final String HEADER = "day,rule_id,rule_name,matched,sent,users,taps,tapped_replies,tap_through_percent,"
			+ "ios,android,desktop,other,in_wechat,fetches";

	private FunnelCsv() {
	}

	static String of(Report report) {
		StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
		String period = report.from() + ".." + report.to();
		for (RuleRow rule : report.rules()) {
			for (Map.Entry<LocalDate, Figures> day : rule.days().entrySet()) {
				row(csv, day.getKey().toString(), rule.ruleId(), rule.name(), day.getValue());
			}
		}
		for (RuleRow rule : report.rules()) {
			row(csv, period, rule.ruleId(), rule.name(), rule.total());
		}
		for (Map.Entry<LocalDate, Figures> day : report.days().entrySet()) {
			row(csv, day.getKey().toString(), "", "", day.getValue());
		}
		row(csv, period, "", "", report.total());
		return csv.toString();
	}

	private static void row(StringBuilder csv, String day, String ruleId, String name, Figures f) {
		csv.append(day).append(',').append(quoted(ruleId)).append(',').append(quoted(name));
		Long rate = f.tapThroughPercent();
		for (Object value : new Object[] { f.matched(), f.sent(), f.users(), f.taps(), f.tappedReplies(),
				(rate != null) ? rate : "", f.platform(Platform.IOS), f.platform(Platform.ANDROID),
				f.platform(Platform.DESKTOP), f.platform(Platform.OTHER), f.inWeChat(), f.fetches() }) {
			csv.append(',').append(value);
		}
		csv.append("\r\n");
	}

	/**
	 * A text field: quoted when it must be, and with a leading {@code = + - @} (a formula
	 * to a spreadsheet) prefixed with an apostrophe, so a rule name cannot run as one.
	 */
	private static String quoted(String value) {
		String text = (value != null) ? value : "";
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
