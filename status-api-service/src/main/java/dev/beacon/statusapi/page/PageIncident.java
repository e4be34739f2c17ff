package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;

/**
 * An incident as the public page shows it.
 *
 * @param updates its timeline, newest first
 * @param components the affected components and the status the incident shows for each
 */
public record PageIncident(UUID id, String title, String status, String impact, Instant startedAt, Instant resolvedAt,
		Instant updatedAt, String latestUpdate, List<Update> updates, List<AffectedComponent> components) {

	public PageIncident {
		updates = List.copyOf(updates);
		components = List.copyOf(components);
	}

	/** This incident with its timeline. */
	PageIncident withUpdates(List<Update> timeline) {
		return new PageIncident(this.id, this.title, this.status, this.impact, this.startedAt, this.resolvedAt,
				this.updatedAt, this.latestUpdate, timeline, this.components);
	}

	/** One entry of the incident's timeline. */
	public record Update(UUID id, String status, String body, Instant createdAt) {
	}

	/**
	 * A component the incident affects, with the status the incident gives it (or null).
	 */
	public record AffectedComponent(UUID id, ComponentStatus status) {
	}

}
