package dev.beacon.statusapi.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An application's history over one window: uptime and coverage (percent, truncated to 3
 * decimals; null without data), milliseconds in each status, the window's daily bars and,
 * per component, the same with its response times.
 *
 * @param from the window's first instant
 * @param to the window's end (now)
 */
public record ApplicationHistory(UUID applicationId, String window, String timeZone, Instant from, Instant to,
		BigDecimal uptime, BigDecimal coverage, StatusTime millis, List<DayBar> days,
		List<ComponentHistory> components) {

	/**
	 * One component's history over the window; {@code responseTimes} are hourly for 24h
	 * and 7d, daily for 30d and 90d, and null for a component without an HTTP check.
	 */
	public record ComponentHistory(UUID id, String name, String group, BigDecimal uptime, BigDecimal coverage,
			StatusTime millis, List<DayBar> days, List<ResponsePoint> responseTimes) {
	}

}
