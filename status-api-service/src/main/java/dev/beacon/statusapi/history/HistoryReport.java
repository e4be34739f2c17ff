package dev.beacon.statusapi.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The figures a page and the history API show, computed from timelines: uptime per
 * window, daily bars and response-time series, for one component or summed over several.
 */
public final class HistoryReport {

	private HistoryReport() {
	}

	/**
	 * Uptime per window, keyed {@code 24h}, {@code 7d}, {@code 30d}, {@code 90d}; null
	 * where nothing counted.
	 */
	public static Map<String, BigDecimal> uptime(List<Timeline> timelines) {
		Map<String, BigDecimal> uptime = new LinkedHashMap<>();
		for (Window window : Window.values()) {
			uptime.put(window.key(), time(timelines, window).uptimePercent());
		}
		return uptime;
	}

	/** Time in each status during {@code window}, summed over the timelines. */
	public static StatusTime time(List<Timeline> timelines, Window window) {
		StatusTime total = StatusTime.NONE;
		for (Timeline timeline : timelines) {
			total = total.plus(timeline.time(window));
		}
		return total;
	}

	/** The share of the window whose status is known, over all the timelines. */
	public static BigDecimal coverage(List<Timeline> timelines, Window window) {
		if (timelines.isEmpty()) {
			return null;
		}
		long length = timelines.get(0).lengthMillis(window) * timelines.size();
		return time(timelines, window).coveragePercent(length);
	}

	/**
	 * The last {@code count} days, oldest first, summed over the timelines; each with the
	 * incidents open during it that {@code concerns} admits.
	 */
	public static List<DayBar> days(List<Timeline> timelines, ZoneId zone, Instant now, int count,
			List<IncidentSpan> incidents, Predicate<IncidentSpan> concerns) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		List<IncidentSpan> concerned = incidents.stream().filter(concerns).toList();
		List<DayBar> days = new ArrayList<>(count);
		for (int i = count - 1; i >= 0; i--) {
			LocalDate day = today.minusDays(i);
			StatusTime time = StatusTime.NONE;
			for (Timeline timeline : timelines) {
				time = time.plus(timeline.day(day).time());
			}
			days.add(new DayBar(day, time.uptimePercent(), time.worst(), touched(concerned, day, zone, now)));
		}
		return days;
	}

	/** The incidents open at some time during {@code day}. */
	private static List<UUID> touched(List<IncidentSpan> incidents, LocalDate day, ZoneId zone, Instant now) {
		if (incidents.isEmpty()) {
			return List.of();
		}
		Instant from = Buckets.startOf(day, zone);
		Instant to = Buckets.startOf(day.plusDays(1), zone);
		return incidents.stream().filter((incident) -> incident.touches(from, to, now)).map(IncidentSpan::id).toList();
	}

	/** Response times of the last {@code hours} hours that had any, oldest first. */
	public static List<ResponsePoint> hourly(Timeline timeline, int hours) {
		Instant current = Buckets.hourOf(timeline.now());
		List<ResponsePoint> points = new ArrayList<>();
		for (int i = hours - 1; i >= 0; i--) {
			Instant hour = current.minus(i, ChronoUnit.HOURS);
			ResponseSummary times = timeline.hour(hour).responses();
			if (times.count() > 0) {
				points.add(ResponsePoint.of(hour, times));
			}
		}
		return points;
	}

	/** Response times of the last {@code count} days that had any, oldest first. */
	public static List<ResponsePoint> daily(Timeline timeline, int count) {
		LocalDate today = timeline.today();
		List<ResponsePoint> points = new ArrayList<>();
		for (int i = count - 1; i >= 0; i--) {
			LocalDate day = today.minusDays(i);
			ResponseSummary times = timeline.day(day).responses();
			if (times.count() > 0) {
				points.add(ResponsePoint.of(Buckets.startOf(day, timeline.zone()), times));
			}
		}
		return points;
	}

}
