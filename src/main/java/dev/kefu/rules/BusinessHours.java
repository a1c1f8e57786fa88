package dev.kefu.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a rule is open, in the app's time zone: on {@code days}, from {@code from}
 * (inclusive) until {@code until} (exclusive). A range that ends before it starts runs
 * over midnight and belongs to the day it starts on (Friday 22:00–02:00 includes Saturday
 * 01:00); equal ends mean the whole day.
 */
public record BusinessHours(Set<DayOfWeek> days, LocalTime from, LocalTime until) {

	public BusinessHours {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(until, "until");
		// An EnumSet keeps the days in week order, so documents and exports are stable.
		days = days.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(days));
	}

	boolean contains(ZonedDateTime at) {
		DayOfWeek day = at.getDayOfWeek();
		LocalTime time = at.toLocalTime();
		int order = this.from.compareTo(this.until);
		if (order == 0) {
			return this.days.contains(day);
		}
		if (order < 0) {
			return this.days.contains(day) && !time.isBefore(this.from) && time.isBefore(this.until);
		}
		return (this.days.contains(day) && !time.isBefore(this.from))
				|| (this.days.contains(day.minus(1)) && time.isBefore(this.until));
	}

}
