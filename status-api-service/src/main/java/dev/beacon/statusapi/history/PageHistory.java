package dev.beacon.statusapi.history;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a public page shows of the history: uptime per window and the 90 daily bars, for
 * the page and per component, and each HTTP component's response times.
 */
public record PageHistory(Map<String, BigDecimal> uptime, List<DayBar> days, Map<UUID, ComponentPart> components) {

	/** {@code responseTimes} is null for a component without an HTTP check. */
	public record ComponentPart(Map<String, BigDecimal> uptime, List<DayBar> days, ResponseSeries responseTimes) {
	}

	/** Hourly points of the last 24 hours and daily points of the last 90 days. */
	public record ResponseSeries(List<ResponsePoint> hourly, List<ResponsePoint> daily) {
	}

}
