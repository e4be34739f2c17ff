package dev.beacon.incident.incidents.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.beacon.incident.incidents.Incident;
import dev.beacon.incident.incidents.IncidentUpdate;

/**
 * An incident as the authenticated API shows it: each affected component with the status
 * shown for it, and its updates newest first.
 */
record IncidentView(UUID id, UUID applicationId, String title, String status, String impact, String source,
		List<UUID> componentIds, List<ComponentView> components, Instant startedAt, Instant resolvedAt,
		Instant createdAt, Instant updatedAt, long version, String postmortem, List<UpdateView> updates) {

	static IncidentView of(Incident incident) {
		return new IncidentView(incident.id(), incident.applicationId(), incident.title(), incident.status().value(),
				incident.impact().value(), incident.source().value(), incident.componentIds(),
				incident.components()
					.entrySet()
					.stream()
					.map((entry) -> new ComponentView(entry.getKey(), entry.getValue().name().toLowerCase(Locale.ROOT)))
					.toList(),
				incident.startedAt(), incident.resolvedAt(), incident.createdAt(), incident.updatedAt(),
				incident.version(), incident.postmortem(), incident.updates().stream().map(UpdateView::of).toList());
	}

	record ComponentView(UUID componentId, String status) {
	}

	record UpdateView(UUID id, String status, String body, Instant createdAt) {

		static UpdateView of(IncidentUpdate update) {
			return new UpdateView(update.id(), update.status().value(), update.body(), update.createdAt());
		}

	}

}
