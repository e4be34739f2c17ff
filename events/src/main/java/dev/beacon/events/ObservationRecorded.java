package dev.beacon.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One observation of one component by the collector. Published on
 * {@link Topics#OBSERVATIONS}. For {@code source = http}: {@code httpStatus} and
 * {@code latencyMillis} when a response arrived, {@code error} when none did. For
 * {@code source = pods}: the pod counts.
 */
public record ObservationRecorded(UUID eventId, Instant occurredAt, UUID applicationId, UUID componentId, Source source,
		Instant observedAt, Integer httpStatus, Long latencyMillis, String error, Integer podsReady, Integer podsTotal,
		Integer podRestarts) implements BeaconEvent {

	public enum Source {

		@JsonProperty("http")
		HTTP,

		@JsonProperty("pods")
		PODS

	}

	public static ObservationRecorded http(UUID applicationId, UUID componentId, Instant observedAt, Integer httpStatus,
			Long latencyMillis, String error) {
		return new ObservationRecorded(UUID.randomUUID(), Instant.now(), applicationId, componentId, Source.HTTP,
				observedAt, httpStatus, latencyMillis, error, null, null, null);
	}

}
