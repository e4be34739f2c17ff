package dev.beacon.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One observation of one component by the collector. Published on
 * {@link Topics#OBSERVATIONS}. For {@code source = http}: {@code httpStatus} and
 * {@code latencyMillis} when a response arrived, {@code error} when none did. For
 * {@code source = pods}: the pod counts ({@code podRestarts} counts the restarts within
 * the collector's restart window). {@code details} is what else the source saw, stored as
 * it is with the status check: for pods {@code {"restartWindowSeconds": n, "pods":
 * [{"name", "ready", "restarts", "reason"}]}} (reason one of {@code CrashLoopBackOff},
 * {@code ImagePullBackOff}, {@code OOMKilled}, {@code Evicted}, {@code Pending},
 * {@code NotReady}, or null); for https probes {@code {"tlsDaysToExpiry": n}}. It is
 * absent (null) in observations published before it existed.
 */
public record ObservationRecorded(UUID eventId, Instant occurredAt, UUID applicationId, UUID componentId, Source source,
		Instant observedAt, Integer httpStatus, Long latencyMillis, String error, Integer podsReady, Integer podsTotal,
		Integer podRestarts, Map<String, Object> details) implements BeaconEvent {

	/** An observation without details, as first published. */
	public ObservationRecorded(UUID eventId, Instant occurredAt, UUID applicationId, UUID componentId, Source source,
			Instant observedAt, Integer httpStatus, Long latencyMillis, String error, Integer podsReady,
			Integer podsTotal, Integer podRestarts) {
		this(eventId, occurredAt, applicationId, componentId, source, observedAt, httpStatus, latencyMillis, error,
				podsReady, podsTotal, podRestarts, null);
	}

	public enum Source {

		@JsonProperty("http")
		HTTP,

		@JsonProperty("pods")
		PODS

	}

	public static ObservationRecorded http(UUID applicationId, UUID componentId, Instant observedAt, Integer httpStatus,
			Long latencyMillis, String error) {
		return new ObservationRecorded(UUID.randomUUID(), Instant.now(), applicationId, componentId, Source.HTTP,
				observedAt, httpStatus, latencyMillis, error, null, null, null, null);
	}

	public static ObservationRecorded http(UUID applicationId, UUID componentId, Instant observedAt, Integer httpStatus,
			Long latencyMillis, String error, Map<String, Object> details) {
		return new ObservationRecorded(UUID.randomUUID(), Instant.now(), applicationId, componentId, Source.HTTP,
				observedAt, httpStatus, latencyMillis, error, null, null, null, details);
	}

	public static ObservationRecorded pods(UUID applicationId, UUID componentId, Instant observedAt, int ready,
			int total, int restarts, Map<String, Object> details) {
		return new ObservationRecorded(UUID.randomUUID(), Instant.now(), applicationId, componentId, Source.PODS,
				observedAt, null, null, null, ready, total, restarts, details);
	}

}
