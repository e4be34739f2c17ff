package dev.beacon.statusapi.metrics;

import java.util.List;

/**
 * A metric's value now and its recent history, or why it is unavailable.
 *
 * @param value the value now, or null
 * @param reason why there is no value, or null when there is one
 * @param sparkline the recent history, oldest first; empty when unknown
 * @param failed whether Prometheus failed (rather than answered without a value)
 */
record MetricReading(Double value, String reason, List<Sample> sparkline, boolean failed) {

	MetricReading {
		sparkline = List.copyOf(sparkline);
	}

	static MetricReading unavailable(String reason) {
		return new MetricReading(null, reason, List.of(), true);
	}

}
