package dev.beacon.statusapi.registry;

/**
 * A custom metric of a page: a PromQL expression that evaluates to one number, and how to
 * show it.
 *
 * @param name its label on the page
 * @param query the PromQL expression, checked by Prometheus when it was saved
 * @param unit how its value is shown, or null for a plain number
 */
public record PageMetric(String name, String query, MetricUnit unit) {
}
