package dev.beacon.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The full current definition of one application: its page settings, components and
 * checks. Published on {@link Topics#CATALOG} whenever the definition changes; the newest
 * one wins.
 */
public record ApplicationDefined(UUID eventId, Instant occurredAt, UUID applicationId, String slug, String name,
		boolean publicPage, List<Component> components) implements BeaconEvent {

	/** One component of the application, with its HTTP check if it has one. */
	public record Component(UUID componentId, String name, HttpCheck httpCheck) {
	}

	/**
	 * An HTTP health probe: GET {@code url} every {@code intervalSeconds};
	 * {@code expectedStatus} within {@code latencyThresholdMillis} is healthy;
	 * {@code failureThreshold} consecutive failures confirm an outage.
	 */
	public record HttpCheck(String url, int expectedStatus, int intervalSeconds, int timeoutMillis,
			int latencyThresholdMillis, int failureThreshold) {
	}

}
