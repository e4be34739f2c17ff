package dev.beacon.statusapi.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cuts a span of time into the buckets rollups keep: hours (UTC) and days (from midnight
 * to midnight in a time zone, so a day of a DST change lasts 23 or 25 hours).
 */
public final class Buckets {

	private Buckets() {
	}

	/** The start of the hour {@code at} falls in. */
	public static Instant hourOf(Instant at) {
		return at.truncatedTo(ChronoUnit.HOURS);
	}

	/** Milliseconds of [from, to) in each hour it touches, in order. */
	public static Map<Instant, Long> hours(Instant from, Instant to) {
		Map<Instant, Long> hours = new LinkedHashMap<>();
		Instant hour = hourOf(from);
		while (hour.isBefore(to)) {
			Instant next = hour.plus(1, ChronoUnit.HOURS);
			long millis = overlap(from, to, hour, next);
			if (millis > 0) {
				hours.put(hour, millis);
			}
			hour = next;
		}
		return hours;
	}

	/** Milliseconds of [from, to) in each day of {@code zone} it touches, in order. */
	public static Map<LocalDate, Long> days(Instant from, Instant to, ZoneId zone) {
		Map<LocalDate, Long> days = new LinkedHashMap<>();
		LocalDate day = LocalDate.ofInstant(from, zone);
		Instant start = startOf(day, zone);
		while (start.isBefore(to)) {
			Instant end = startOf(day.plusDays(1), zone);
			long millis = overlap(from, to, start, end);
			if (millis > 0) {
				days.put(day, millis);
			}
			day = day.plusDays(1);
			start = end;
		}
		return days;
	}

	/** When {@code day} begins in {@code zone} (its first instant, DST gaps included). */
	public static Instant startOf(LocalDate day, ZoneId zone) {
		return day.atStartOfDay(zone).toInstant();
	}

	/** Milliseconds of [from, to) within [start, end), as {@link #hours} counts them. */
	static long overlap(Instant from, Instant to, Instant start, Instant end) {
		Instant a = from.isAfter(start) ? from : start;
		Instant b = to.isBefore(end) ? to : end;
		return a.isBefore(b) ? Duration.between(a, b).toMillis() : 0;
	}

}
