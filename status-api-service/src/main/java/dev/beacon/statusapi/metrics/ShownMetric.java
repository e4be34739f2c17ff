package dev.beacon.statusapi.metrics;

import java.util.List;

/**
 * A custom metric as a public page shows it.
 *
 * @param name its label
 * @param unit its unit's symbol, or null
 * @param value its value now, or null while it is unavailable
 * @param formatted the value written with its unit ({@code 12.5 ms}), or null
 * @param reason why there is no value, or null
 * @param sparkline its recent history, oldest first
 */
public record ShownMetric(String name, String unit, Double value, String formatted, String reason,
		List<Sample> sparkline) {
}
