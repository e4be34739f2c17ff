package dev.beacon.statusapi.page;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.beacon.statusapi.history.DayBar;
import dev.beacon.statusapi.history.PageHistory;
import dev.beacon.statusapi.metrics.ShownMetric;
import dev.beacon.statusapi.status.CurrentStatus.ComponentState;
import dev.beacon.statusapi.status.OverallStatus;

/**
 * Everything a status page shows, as of {@code generatedAt}: the public page document,
 * served by the gateway from {@code beacon.pages.v1}.
 *
 * @param slug the page's address
 * @param name the application's name
 * @param description the text under the name, or null
 * @param timeZone the IANA time zone the page's days are cut in
 * @param showUptime whether the page shows uptime
 * @param showResponseTimes whether the page shows response times
 * @param overall the overall status
 * @param components each component's status, in page order, with its group
 * @param metrics the custom metrics, in order; a metric Prometheus cannot give now has a
 * null value and a reason
 * @param incidents the open incidents, newest first
 * @param recentIncidents incidents resolved in the last 14 days, latest resolved first
 * @param maintenances maintenance windows scheduled or in progress, and those completed
 * in the last 14 days, latest scheduled first
 * @param generatedAt when this document was made
 * @param uptime the page's uptime per window ({@code 24h}, {@code 7d}, {@code 30d},
 * {@code 90d}: percent, null without data); null when the page hides uptime
 * @param days the page's 90 daily bars, oldest first; null when the page hides uptime
 */
public record PublicPage(String slug, String name, String description, String timeZone, boolean showUptime,
		boolean showResponseTimes, OverallStatus overall, List<PageComponent> components, List<ShownMetric> metrics,
		List<PageIncident> incidents, List<PageIncident> recentIncidents, List<PageMaintenance> maintenances,
		Instant generatedAt, Map<String, BigDecimal> uptime, List<DayBar> days) {

	/**
	 * A component as the page shows it: its status, and its history — {@code uptime} and
	 * {@code days} as the page's (null when the page hides uptime), {@code responseTimes}
	 * hourly for 24 hours and daily for 90 days (null when the page hides response times
	 * or the component has no HTTP check).
	 */
	public record PageComponent(@JsonUnwrapped ComponentState state, Map<String, BigDecimal> uptime, List<DayBar> days,
			PageHistory.ResponseSeries responseTimes) {
	}

}
