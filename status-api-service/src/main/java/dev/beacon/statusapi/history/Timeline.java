package dev.beacon.statusapi.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * A component's rollups as of {@code now}: the stored hourly and daily buckets (closed
 * intervals and received checks) with the open interval's time, up to now, added. Reading
 * one is bounded by the number of buckets, never by the number of checks or status
 * changes. It remembers the days and windows it was asked for: one per read, not for
 * concurrent use.
 */
public final class Timeline {

	private final Map<Instant, Rollup> hours;

	private final Map<LocalDate, Rollup> days;

	private final OpenInterval open;

	private final ZoneId zone;

	private final Instant now;

	private final LocalDate today;

	/** The first day of the open interval (null without one). */
	private final LocalDate openFrom;

	/**
	 * The days asked for so far, by how many days before today they are: a page asks for
	 * each of its 90 days five times (windows, bars, response times, the page's sum).
	 */
	private final Rollup[] recentDays = new Rollup[RECENT_DAYS];

	/** Each window's time, once asked for. */
	private final Map<Window, StatusTime> windows = new EnumMap<>(Window.class);

	private static final int RECENT_DAYS = 400;

	/**
	 * @param hours the stored hourly buckets (at least the last 24 or 168 hours asked
	 * for); kept as given, not copied: they must not change afterwards
	 * @param days the stored daily buckets in {@code zone}; kept as given, not copied
	 * @param open the component's current status, or null when it never had one
	 */
	public Timeline(Map<Instant, Rollup> hours, Map<LocalDate, Rollup> days, OpenInterval open, ZoneId zone,
			Instant now) {
		this.hours = hours;
		this.days = days;
		// the open interval's time is added per bucket when a bucket is asked for: an
		// interval open for a year is not cut into 8 760 hours for the 24 a read shows
		this.open = (open != null && open.since().isBefore(now)) ? open : null;
		this.zone = zone;
		this.now = now;
		this.today = LocalDate.ofInstant(now, zone);
		this.openFrom = (this.open != null) ? LocalDate.ofInstant(this.open.since(), zone) : null;
	}

	public Instant now() {
		return this.now;
	}

	public ZoneId zone() {
		return this.zone;
	}

	/** Today in the page's time zone. */
	public LocalDate today() {
		return this.today;
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
		return this.windows.computeIfAbsent(window, this::sum);
	}

	private StatusTime sum(Window window) {
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
		long before = this.today.toEpochDay() - day.toEpochDay();
		if (before < 0 || before >= RECENT_DAYS) {
			return stored(day);
		}
		Rollup rollup = this.recentDays[(int) before];
		if (rollup == null) {
			rollup = stored(day);
			this.recentDays[(int) before] = rollup;
		}
		return rollup;
	}

	/** The stored day with the open interval's time in it. */
	private Rollup stored(LocalDate day) {
		Rollup stored = this.days.getOrDefault(day, Rollup.empty());
		if (this.open == null || day.isBefore(this.openFrom) || day.isAfter(this.today)) {
			return stored;
		}
		long millis = Buckets.overlap(this.open.since(), this.now, Buckets.startOf(day, this.zone),
				Buckets.startOf(day.plusDays(1), this.zone));
		return (millis > 0) ? stored.plus(StatusTime.of(this.open.kind(), millis)) : stored;
	}

	public Rollup hour(Instant hour) {
		Rollup stored = this.hours.getOrDefault(hour, Rollup.empty());
		if (this.open == null) {
			return stored;
		}
		long millis = Buckets.overlap(this.open.since(), this.now, hour, hour.plus(1, ChronoUnit.HOURS));
		return (millis > 0) ? stored.plus(StatusTime.of(this.open.kind(), millis)) : stored;
	}

}
