package dev.beacon.statusapi.registry;

import java.util.List;

import dev.beacon.events.ApplicationDefined;

/**
 * How an application's status page is shown.
 *
 * @param enabled whether the page is served at all; a disabled page is not found
 * @param customDomain a lower-case host name of the application's own that serves the
 * page, unique across pages, or null
 * @param timeZone the IANA time zone the page's days are cut in
 * @param description a text shown under the page's name, or null
 * @param showUptime whether the page shows uptime
 * @param showResponseTimes whether the page shows response times
 * @param metrics the custom Prometheus metrics the page shows, in order
 */
public record PageSettings(boolean enabled, String customDomain, String timeZone, String description,
		boolean showUptime, boolean showResponseTimes, List<PageMetric> metrics) {

	public static final String DEFAULT_TIME_ZONE = "UTC";

	public PageSettings {
		metrics = List.copyOf(metrics);
	}

	/** An enabled page in UTC with uptime and response times and no custom metrics. */
	public static PageSettings defaults() {
		return new PageSettings(true, null, DEFAULT_TIME_ZONE, null, true, true, List.of());
	}

	ApplicationDefined.Page definition() {
		return new ApplicationDefined.Page(this.enabled, this.customDomain, this.timeZone, this.description,
				this.showUptime, this.showResponseTimes,
				this.metrics.stream()
					.map((metric) -> new ApplicationDefined.Metric(metric.name(), metric.query(),
							(metric.unit() != null) ? metric.unit().symbol() : null))
					.toList());
	}

}
