package dev.beacon.statusapi.registry;

import java.net.URI;

import dev.beacon.events.ApplicationDefined;

/**
 * An HTTP health probe of a component.
 *
 * @param url an absolute http or https URL
 * @param expectedStatus the status code of a healthy answer
 * @param intervalSeconds how often the collector probes
 * @param timeoutMillis how long a probe waits for an answer
 * @param latencyThresholdMillis slower healthy answers make the component degraded
 * @param failureThreshold consecutive failures that confirm an outage
 */
public record HttpCheck(URI url, int expectedStatus, int intervalSeconds, int timeoutMillis, int latencyThresholdMillis,
		int failureThreshold) {

	public static final int DEFAULT_EXPECTED_STATUS = 200;

	public static final int DEFAULT_INTERVAL_SECONDS = 30;

	public static final int DEFAULT_TIMEOUT_MILLIS = 5000;

	public static final int DEFAULT_LATENCY_THRESHOLD_MILLIS = 1000;

	public static final int DEFAULT_FAILURE_THRESHOLD = 2;

	public HttpCheck {
		String scheme = url.getScheme();
		if (!url.isAbsolute() || url.getHost() == null
				|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			throw new IllegalArgumentException("A check URL must be an absolute http or https URL: " + url);
		}
	}

	ApplicationDefined.HttpCheck definition() {
		return new ApplicationDefined.HttpCheck(this.url.toString(), this.expectedStatus, this.intervalSeconds,
				this.timeoutMillis, this.latencyThresholdMillis, this.failureThreshold);
	}

}
