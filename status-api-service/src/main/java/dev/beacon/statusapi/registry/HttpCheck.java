package dev.beacon.statusapi.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;

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
 * @param method the request's method
 * @param headers headers sent with the request
 * @param expectedStatuses the status codes of a healthy answer ({@code expectedStatus} is
 * the first)
 * @param bodyContains a text a healthy answer's body contains, or null
 */
public record HttpCheck(URI url, int expectedStatus, int intervalSeconds, int timeoutMillis, int latencyThresholdMillis,
		int failureThreshold, String method, Map<String, String> headers, List<Integer> expectedStatuses,
		String bodyContains) {

	public static final String DEFAULT_METHOD = "GET";

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
		method = (method != null) ? method : DEFAULT_METHOD;
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		expectedStatuses = (expectedStatuses != null && !expectedStatuses.isEmpty()) ? List.copyOf(expectedStatuses)
				: List.of(expectedStatus);
	}

	/** A GET without headers that expects one status code and reads no body. */
	public HttpCheck(URI url, int expectedStatus, int intervalSeconds, int timeoutMillis, int latencyThresholdMillis,
			int failureThreshold) {
		this(url, expectedStatus, intervalSeconds, timeoutMillis, latencyThresholdMillis, failureThreshold, null, null,
				null, null);
	}

	/** Whether {@code status} is the status code of a healthy answer. */
	public boolean expects(int status) {
		return this.expectedStatuses.contains(status);
	}

	ApplicationDefined.HttpCheck definition() {
		return new ApplicationDefined.HttpCheck(this.url.toString(), this.expectedStatus, this.intervalSeconds,
				this.timeoutMillis, this.latencyThresholdMillis, this.failureThreshold, this.method, this.headers,
				this.expectedStatuses, this.bodyContains);
	}

}
