package dev.beacon.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An incident was opened, updated or resolved. Carries the full current snapshot and the
 * newest update, so a consumer never needs an earlier event. Published on
 * {@link Topics#INCIDENTS}.
 */
public record IncidentChanged(UUID eventId, Instant occurredAt, Change change, Incident incident,
		Update latestUpdate) implements BeaconEvent {

	public enum Change {

		@JsonProperty("opened")
		OPENED,

		@JsonProperty("updated")
		UPDATED,

		@JsonProperty("resolved")
		RESOLVED

	}

	/**
	 * The incident as it is now. {@code version} grows with every change, so a consumer
	 * keeps the snapshot with the highest version and ignores older ones.
	 */
	public record Incident(UUID incidentId, UUID applicationId, String title, String status, String impact,
			List<UUID> componentIds, Instant startedAt, Instant resolvedAt, long version) {
	}

	/** One entry of the incident's timeline. */
	public record Update(UUID updateId, String status, String body, Instant createdAt) {
	}

}
