package dev.beacon.incident.incidents;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;

/**
 * One entry of an incident's timeline: the status it was posted with and what it said.
 */
public record IncidentUpdate(UUID id, IncidentStatus status, String body, Instant createdAt) {

	IncidentChanged.Update toEvent() {
		return new IncidentChanged.Update(this.id, this.status.value(), this.body, this.createdAt);
	}

}
