package dev.beacon.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A scheduled maintenance was scheduled, changed, started or completed. Carries the full
 * current snapshot, so a consumer never needs an earlier event. Published on
 * {@link Topics#INCIDENTS} beside {@link IncidentChanged} (the {@code ce_type} header
 * tells them apart), keyed by application id.
 */
public record MaintenanceChanged(UUID eventId, Instant occurredAt, Change change,
		Maintenance maintenance) implements BeaconEvent {

	public enum Change {

		@JsonProperty("scheduled")
		SCHEDULED,

		@JsonProperty("updated")
		UPDATED,

		@JsonProperty("started")
		STARTED,

		@JsonProperty("completed")
		COMPLETED

	}

	/**
	 * The maintenance as it is now: {@code status} is {@code scheduled},
	 * {@code in_progress}, {@code verifying} or {@code completed}; its components show
	 * {@code maintenance} while it is {@code in_progress} or {@code verifying}.
	 * {@code version} grows with every change: a consumer keeps the highest.
	 */
	public record Maintenance(UUID maintenanceId, UUID applicationId, String title, String body, String status,
			List<UUID> componentIds, Instant scheduledFor, Instant scheduledUntil, Instant startedAt,
			Instant completedAt, long version) {
	}

}
