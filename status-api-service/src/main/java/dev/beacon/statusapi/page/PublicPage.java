package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.List;

import dev.beacon.statusapi.metrics.ShownMetric;
import dev.beacon.statusapi.status.CurrentStatus.ComponentState;
import dev.beacon.statusapi.status.OverallStatus;

/**
 * Everything a status page shows, as of {@code generatedAt}.
 *
 * @param slug the page's address
 * @param name the application's name
 * @param description the text under the name, or null
 * @param timeZone the IANA time zone the page's days are cut in
 * @param showUptime whether the page shows uptime
 * @param showResponseTimes whether the page shows response times
 * @param status the overall status
 * @param components each component's status, in page order, with its group
 * @param metrics the custom metrics, in order; a metric Prometheus cannot give now has a
 * null value and a reason
 * @param incidents the open incidents, newest first
 * @param generatedAt when this document was made
 */
public record PublicPage(String slug, String name, String description, String timeZone, boolean showUptime,
		boolean showResponseTimes, OverallStatus status, List<ComponentState> components, List<ShownMetric> metrics,
		List<PageIncident> incidents, Instant generatedAt) {
}
