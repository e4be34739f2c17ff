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
	 * keeps the snapshot with the highest version and ignores older ones. {@code source}
	 * says who opened it ({@code detected} by the service or {@code declared} by a
	 * person); {@code components} gives each affected component's status to show (the
	 * same ids as {@code componentIds}, in the same order); {@code postmortem} is set
	 * once a person wrote one. The last three are absent (null) in events published
	 * before they existed.
	 */
	public record Incident(UUID incidentId, UUID applicationId, String title, String status, String impact,
			List<UUID> componentIds, Instant startedAt, Instant resolvedAt, long version, String source,
			List<AffectedComponent> components, String postmortem) {

		/** A snapshot without source, component statuses or postmortem. */
		public Incident(UUID incidentId, UUID applicationId, String title, String status, String impact,
				List<UUID> componentIds, Instant startedAt, Instant resolvedAt, long version) {
			this(incidentId, applicationId, title, status, impact, componentIds, startedAt, resolvedAt, version, null,
					null, null);
		}

	}

	/** An affected component and the status the incident shows for it. */
	public record AffectedComponent(UUID componentId, ComponentStatus status) {
	}

	/** One entry of the incident's timeline. */
	public record Update(UUID updateId, String status, String body, Instant createdAt) {
	}

}
