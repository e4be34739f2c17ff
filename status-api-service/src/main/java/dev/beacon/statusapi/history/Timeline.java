package dev.beacon.statusapi.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * A component's rollups as of {@code now}: the stored hourly and daily buckets (closed
 * intervals and received checks) with the open interval's time, up to now, added. Reading
 * one is bounded by the number of buckets, never by the number of checks or status
 * changes.
 */
public final class Timeline {

	private final Map<Instant, Rollup> hours;

	private final Map<LocalDate, Rollup> days;

	private final ZoneId zone;

	private final Instant now;

	/**
	 * @param hours the stored hourly buckets (at least the last 24 or 168 hours asked
	 * for)
	 * @param days the stored daily buckets in {@code zone}
	 * @param open the component's current status, or null when it never had one
	 */
	public Timeline(Map<Instant, Rollup> hours, Map<LocalDate, Rollup> days, OpenInterval open, ZoneId zone,
			Instant now) {
		this.hours = new HashMap<>(hours);
		this.days = new HashMap<>(days);
		this.zone = zone;
		this.now = now;
		if (open != null && open.since().isBefore(now)) {
			Buckets.hours(open.since(), now)
				.forEach((hour, millis) -> this.hours.merge(hour,
						Rollup.empty().plus(StatusTime.of(open.kind(), millis)),
						(stored, added) -> stored.plus(added.time())));
			Buckets.days(open.since(), now, zone)
				.forEach((day, millis) -> this.days.merge(day, Rollup.empty().plus(StatusTime.of(open.kind(), millis)),
						(stored, added) -> stored.plus(added.time())));
		}
	}

	public Instant now() {
		return this.now;
	}

	public ZoneId zone() {
		return this.zone;
	}

	/** Today in the page's time zone. */
	public LocalDate today() {
		return LocalDate.ofInstant(this.now, this.zone);
	}

	/** The first instant of {@code window}. */
	public Instant start(Window window) {
		if (window.daily()) {
			return Buckets.startOf(today().minusDays(window.buckets() - 1L), this.zone);
		}
		return Buckets.hourOf(this.now).minus(window.buckets() - 1L, ChronoUnit.HOURS);
	}

	/** The window's length so far, in milliseconds. */
	public long lengthMillis(Window window) {
		return this.now.toEpochMilli() - start(window).toEpochMilli();
	}

	/** Time in each status during {@code window}. */
	public StatusTime time(Window window) {
		StatusTime total = StatusTime.NONE;
		if (window.daily()) {
			LocalDate today = today();
			for (int i = 0; i < window.buckets(); i++) {
				total = total.plus(day(today.minusDays(i)).time());
			}
			return total;
		}
		Instant hour = Buckets.hourOf(this.now);
		for (int i = 0; i < window.buckets(); i++) {
			total = total.plus(hour(hour.minus(i, ChronoUnit.HOURS)).time());
		}
		return total;
	}

	public Rollup day(LocalDate day) {
		return this.days.getOrDefault(day, Rollup.empty());
	}

	public Rollup hour(Instant hour) {
		return this.hours.getOrDefault(hour, Rollup.empty());
	}

}
