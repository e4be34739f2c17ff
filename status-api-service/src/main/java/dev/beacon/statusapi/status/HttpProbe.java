package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.HttpCheck;

/**
 * The outcome of one HTTP probe: a status code and latency when an answer came, an error
 * when none did, and what else the collector saw ({@code details}, such as
 * {@code tlsDaysToExpiry}), kept with the stored check.
 */
public record HttpProbe(Instant observedAt, Integer httpStatus, Long latencyMillis, String error,
		Map<String, Object> details) {

	public HttpProbe {
		details = (details != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(details)) : Map.of();
	}

	public HttpProbe(Instant observedAt, Integer httpStatus, Long latencyMillis, String error) {
		this(observedAt, httpStatus, latencyMillis, error, null);
	}

	/** What this probe alone says of the component. */
	public ComponentStatus verdict(HttpCheck check) {
		if (this.error != null || this.httpStatus == null || !check.expects(this.httpStatus)) {
			return ComponentStatus.OUTAGE;
		}
		if (this.latencyMillis != null && this.latencyMillis > check.latencyThresholdMillis()) {
			return ComponentStatus.DEGRADED;
		}
		return ComponentStatus.OPERATIONAL;
	}

	/** Why the probe says what it says; null when all is well. */
	String describe(HttpCheck check) {
		if (this.error != null) {
			return this.error;
		}
		if (this.httpStatus == null || !check.expects(this.httpStatus)) {
			return "HTTP " + this.httpStatus + ", expected " + expected(check);
		}
		if (this.latencyMillis != null && this.latencyMillis > check.latencyThresholdMillis()) {
			return "Slow response: " + this.latencyMillis + " ms (threshold " + check.latencyThresholdMillis() + " ms)";
		}
		return null;
	}

	/** {@code performance} when the answer was slow, null otherwise. */
	String degradation(HttpCheck check) {
		return (verdict(check) == ComponentStatus.DEGRADED) ? PERFORMANCE : null;
	}

	/** The kind of degradation a slow answer is. */
	static final String PERFORMANCE = "performance";

	private static String expected(HttpCheck check) {
		return check.expectedStatuses()
			.stream()
			.map(String::valueOf)
			.collect(java.util.stream.Collectors.joining(" or "));
	}

}
