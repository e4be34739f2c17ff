package dev.beacon.collector.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One HTTP check to probe: the component it observes and how.
 *
 * @param method the request's method
 * @param headers headers sent with it
 * @param expectedStatuses the status codes of a healthy answer
 * @param bodyContains a text a healthy answer's body contains, or null
 */
public record ProbeTarget(UUID applicationId, UUID componentId, URI url, int expectedStatus, Duration interval,
		Duration timeout, String method, Map<String, String> headers, List<Integer> expectedStatuses,
		String bodyContains) {

	public ProbeTarget {
		method = (method != null) ? method : "GET";
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		expectedStatuses = (expectedStatuses != null && !expectedStatuses.isEmpty()) ? List.copyOf(expectedStatuses)
				: List.of(expectedStatus);
	}

	/** A GET that expects one status code. */
	public ProbeTarget(UUID applicationId, UUID componentId, URI url, int expectedStatus, Duration interval,
			Duration timeout) {
		this(applicationId, componentId, url, expectedStatus, interval, timeout, null, null, null, null);
	}

	/**
	 * Whether redirects are followed: unless a redirect is itself a healthy answer. Every
	 * hop goes through the SSRF guard.
	 */
	public boolean followsRedirects() {
		return this.expectedStatuses.stream().noneMatch((status) -> status >= 300 && status < 400);
	}

}
