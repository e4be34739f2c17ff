package dev.beacon.systemtest;

import java.util.List;
import java.util.UUID;

/**
 * One application the test registered: one component, probed at target {@code target},
 * and the webhook subscribers of its page.
 *
 * @param id the application id
 * @param slug its public page
 * @param target the number of its loopback target
 * @param componentName the name of its one component
 * @param subscribers the names of its webhook subscribers ({@code /hooks/{name}})
 */
record MonitoredApplication(UUID id, String slug, int target, String componentName, List<String> subscribers) {

	/** Seconds between probes. */
	static final int INTERVAL_SECONDS = 1;

	/** Failed probes in a row that confirm an outage. */
	static final int FAILURE_THRESHOLD = 2;

	/**
	 * A probe waits this long (shorter than the interval, as status-api requires); no
	 * latency threshold below it, so a target is either operational or down, never
	 * degraded.
	 */
	static final int TIMEOUT_MILLIS = 900;

	static MonitoredApplication number(int n) {
		String slug = "fault-" + n;
		return new MonitoredApplication(UUID.randomUUID(), slug, n, "Target " + n, List.of(slug + "-a", slug + "-b"));
	}

	String registration(String loopbackBase) {
		return """
				{"id":"%s","slug":"%s","name":"Fault %d","public":true,
				 "components":[{"name":"%s","httpCheck":{"url":"%s/target/%d","intervalSeconds":%d,
				   "timeoutMillis":%d,"latencyThresholdMillis":60000,"failureThreshold":%d}}]}""".formatted(this.id,
				this.slug, this.target, this.componentName, loopbackBase, this.target, INTERVAL_SECONDS, TIMEOUT_MILLIS,
				FAILURE_THRESHOLD);
	}

}
