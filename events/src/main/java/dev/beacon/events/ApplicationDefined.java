package dev.beacon.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The full current definition of one application: its page settings, components and
 * checks. Published on {@link Topics#CATALOG} whenever the definition changes; the newest
 * one wins. Deleting the application publishes a tombstone (a record with a null value)
 * under the same key.
 *
 * @param eventId the event's id
 * @param occurredAt when the definition was made
 * @param applicationId the application (also the record's key)
 * @param slug the page's address
 * @param name the application's name
 * @param publicPage whether anyone may read the page
 * @param components the components, in page order
 * @param page the page's settings; absent in definitions published before they existed
 * @param version the definition's version, raised by every change; null in definitions
 * published before versions existed (a {@code Long}, so that readers refusing a missing
 * primitive still read those)
 */
public record ApplicationDefined(UUID eventId, Instant occurredAt, UUID applicationId, String slug, String name,
		boolean publicPage, List<Component> components, Page page, Long version) implements BeaconEvent {

	/** A definition without page settings or version, as first published. */
	public ApplicationDefined(UUID eventId, Instant occurredAt, UUID applicationId, String slug, String name,
			boolean publicPage, List<Component> components) {
		this(eventId, occurredAt, applicationId, slug, name, publicPage, components, null, null);
	}

	/**
	 * One component of the application, with its HTTP check and its pods if it has them.
	 *
	 * @param componentId the component
	 * @param name its name on the page
	 * @param httpCheck its probe, or null
	 * @param group the group the page shows it in, or null
	 * @param kubernetes the pods that serve it, or null (absent in definitions published
	 * before pods existed)
	 */
	public record Component(UUID componentId, String name, HttpCheck httpCheck, String group, Kubernetes kubernetes) {

		/** A component outside any group. */
		public Component(UUID componentId, String name, HttpCheck httpCheck) {
			this(componentId, name, httpCheck, null, null);
		}

		/** A component without pods. */
		public Component(UUID componentId, String name, HttpCheck httpCheck, String group) {
			this(componentId, name, httpCheck, group, null);
		}

	}

	/**
	 * An HTTP health probe: {@code method} {@code url} every {@code intervalSeconds};
	 * {@code expectedStatus} (or any of {@code expectedStatuses} when given) within
	 * {@code latencyThresholdMillis}, with {@code bodyContains} in the body when given,
	 * is healthy; {@code failureThreshold} consecutive failures confirm an outage. The
	 * members after {@code failureThreshold} are absent (null) in definitions published
	 * before they existed: GET, no headers, {@code expectedStatus} alone, no body check.
	 */
	public record HttpCheck(String url, int expectedStatus, int intervalSeconds, int timeoutMillis,
			int latencyThresholdMillis, int failureThreshold, String method, Map<String, String> headers,
			List<Integer> expectedStatuses, String bodyContains) {

		/** A GET without headers that expects one status code, as first published. */
		public HttpCheck(String url, int expectedStatus, int intervalSeconds, int timeoutMillis,
				int latencyThresholdMillis, int failureThreshold) {
			this(url, expectedStatus, intervalSeconds, timeoutMillis, latencyThresholdMillis, failureThreshold, null,
					null, null, null);
		}

	}

	/**
	 * The pods that serve a component: those in {@code namespace} that match
	 * {@code labelSelector} (the syntax of {@code kubectl -l}).
	 *
	 * @param namespace the pods' namespace
	 * @param labelSelector which pods, e.g. {@code app=worker,tier in (jobs)}
	 * @param intervalSeconds how often the collector reports them when nothing changes
	 */
	public record Kubernetes(String namespace, String labelSelector, int intervalSeconds) {
	}

	/**
	 * The status page's settings.
	 *
	 * @param enabled whether the page is served at all
	 * @param customDomain a host name of the application's own that serves the page, or
	 * null
	 * @param timeZone the IANA time zone its days are cut in
	 * @param description a text shown under the page's name, or null
	 * @param showUptime whether the page shows uptime
	 * @param showResponseTimes whether the page shows response times
	 * @param metrics the custom Prometheus metrics the page shows, in order
	 */
	public record Page(boolean enabled, String customDomain, String timeZone, String description, boolean showUptime,
			boolean showResponseTimes, List<Metric> metrics) {
	}

	/**
	 * A custom metric of a page: a PromQL expression and how to show its value.
	 *
	 * @param name its label on the page
	 * @param query the PromQL expression, evaluated to one number
	 * @param unit how its value is shown ({@code ms}, {@code req/s}, {@code %}, …), or
	 * null
	 */
	public record Metric(String name, String query, String unit) {
	}

}
