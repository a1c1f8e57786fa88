package dev.kefu.rules;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether agents are there to answer an app's users at the desk: within the app's desk
 * hours ({@code rules_desk_hours}, read in the app's time zone; an app without them has
 * agents at any hour) and with an agent online, meaning that some instance had a desk
 * page of the app connected (its live stream open) within the last {@link #ONLINE}. Each
 * instance with open desks marks their apps seen in {@code desk_presence}, in the shared
 * database, every few seconds (the desk's {@code DeskPresence}), so the answer is the
 * same on every instance. Asked only when a rule hands a user to an agent: a read by
 * primary key in each table.
 */
@Component
public class AgentPresence {

	/** An app whose desk was last seen longer ago than this has no agent online. */
	public static final Duration ONLINE = Duration.ofSeconds(30);

	/** Whether agents are there, and if not, why. */
	public enum Availability {

		/** Within the desk hours, and an agent is online. */
		AVAILABLE,

		/** Outside the app's desk hours, whether or not an agent is online. */
		OUTSIDE_HOURS,

		/** Within the desk hours, but no desk page of the app is connected. */
		NO_AGENT_ONLINE

	}

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");

	private final JdbcClient jdbc;

	private final Clock clock;

	AgentPresence(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A desk page of the app is connected now. */
	public void seen(String appId) {
		long now = this.clock.millis();
		if (this.jdbc.sql("UPDATE desk_presence SET seen_at = ? WHERE app_id = ?").params(now, appId).update() == 0) {
			try {
				this.jdbc.sql("INSERT INTO desk_presence (app_id, seen_at) VALUES (?, ?)").params(appId, now).update();
			}
			catch (DuplicateKeyException ex) {
				// another instance marked it at the same moment: seen either way
			}
		}
	}

	/**
	 * Whether a desk page of the app was connected within {@link #ONLINE}, on any
	 * instance.
	 */
	public boolean online(String appId) {
		return this.jdbc.sql("SELECT seen_at FROM desk_presence WHERE app_id = ?")
			.param(appId)
			.query(Long.class)
			.optional()
			.map((seen) -> seen > this.clock.millis() - ONLINE.toMillis())
			.orElse(false);
	}

	/**
	 * Whether agents are there for a user who wrote at {@code at}: the desk hours are
	 * read at that moment in {@code zone} (a message planned again later is judged as it
	 * arrived), whether an agent is online now.
	 */
	public Availability availability(String appId, Instant at, ZoneId zone) {
		Optional<BusinessHours> hours = hours(appId);
		if (hours.isPresent() && !hours.get().contains(at.atZone(zone))) {
			return Availability.OUTSIDE_HOURS;
		}
		// online now, not at the message's arrival: presence is not kept as a history
		return online(appId) ? Availability.AVAILABLE : Availability.NO_AGENT_ONLINE;
	}

	/** Whether it is within the app's desk hours now, read in {@code zone}. */
	public boolean withinHours(String appId, ZoneId zone) {
		return hours(appId).map((hours) -> hours.contains(this.clock.instant().atZone(zone))).orElse(true);
	}

	/** The app's desk hours; empty when agents answer at any hour. */
	public Optional<BusinessHours> hours(String appId) {
		return this.jdbc.sql("SELECT days, open_from, open_until FROM rules_desk_hours WHERE app_id = ?")
			.param(appId)
			.query((rs, n) -> new BusinessHours(
					Arrays.stream(rs.getString(1).split(","))
						.filter((day) -> !day.isEmpty())
						.map(DayOfWeek::valueOf)
						.collect(Collectors.toSet()),
					LocalTime.parse(rs.getString(2)), LocalTime.parse(rs.getString(3))))
			.optional();
	}

	/**
	 * Sets the app's desk hours, or removes them ({@code null}: agents answer at any
	 * hour). On every instance at once: they are read from the shared database.
	 * @param hours the hours, with at least one day; kept to the minute
	 * @param by the console user who set them
	 */
	public void hours(String appId, BusinessHours hours, String by) {
		if (hours == null) {
			this.jdbc.sql("DELETE FROM rules_desk_hours WHERE app_id = ?").param(appId).update();
			return;
		}
		if (hours.days().isEmpty()) {
			throw new IllegalArgumentException("desk hours need at least one day");
		}
		String days = hours.days().stream().map(DayOfWeek::name).collect(Collectors.joining(","));
		Object[] values = { days, MINUTES.format(hours.from()), MINUTES.format(hours.until()), by, this.clock.millis(),
				appId };
		String update = "UPDATE rules_desk_hours SET days = ?, open_from = ?, open_until = ?, updated_by = ?, "
				+ "updated_at = ? WHERE app_id = ?";
		if (this.jdbc.sql(update).params(values).update() == 0) {
			try {
				this.jdbc
					.sql("INSERT INTO rules_desk_hours (days, open_from, open_until, updated_by, updated_at, app_id) "
							+ "VALUES (?, ?, ?, ?, ?, ?)")
					.params(values)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// set at the same moment elsewhere: the last of the two writes wins
				this.jdbc.sql(update).params(values).update();
			}
		}
	}

}
